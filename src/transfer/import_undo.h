/* The journal of an import applied in steps (import_plan.h): the import's
 * row in `imports`, and for each committed step a document of what undoes
 * it, written in the step's own transaction. Undoing takes the steps back
 * newest first, each in a transaction of its own that also deletes its
 * document, so an undo cut short is taken up again where it stopped. */
#ifndef HONGWU_TRANSFER_IMPORT_UNDO_H
#define HONGWU_TRANSFER_IMPORT_UNDO_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* A step's undo document: rows inserted (ranges of ids) and values replaced. */
json_t *undo_doc_new(void);
/* Rows of table ("places" or "residents") with ids first..last inserted. */
int undo_note_range(json_t *doc, const char *table, int64_t first, int64_t last);
/* An occupancy inserted for a registered resident. */
int undo_note_occupancy(json_t *doc, int64_t id);
/* A tag added to a registered resident. */
int undo_note_tag(json_t *doc, int64_t resident_id, int64_t tag_id);
/* A registered resident's columns before an update, as undo_resident_before reads them. */
int undo_resident_before(struct db *db, int64_t id, json_t *doc);
/* A registered dwelling's area before an update. */
int undo_area_before(struct db *db, int64_t id, json_t *doc);

/* Registers the import as being applied, in a transaction of its own;
 * HW_EBUSY when another import of the sub-district is being applied. */
int import_journal_open(struct db *db, int64_t district_id, int64_t community_id, const char *kind,
                        int64_t user_id, int64_t *import_id);
/* In a step's transaction: keeps its document, and that the import lives. */
int import_journal_step(struct db *db, int64_t import_id, const json_t *doc);
/* In the last transaction: the import is done, its documents go. */
int import_journal_done(struct db *db, int64_t import_id);
/* Takes back every committed step of the import, then marks it undone. */
int import_undo(struct db *db, int64_t import_id);

#endif
