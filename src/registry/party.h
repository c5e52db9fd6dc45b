/* The party organization tree, four or five levels (domain.md; docs/domain.md PO-1,
 * 002, 004): community party committee (社区党委) → [red property command
 * room 红色物业指挥室] → grid party branch (网格党支部) → building party
 * group (楼栋党小组) → party-member central household (党员中心户); and party
 * members' public cards per building (亮身份: name, photo, phone, duty).
 * Functions run inside the caller's transaction; HW_EINVAL comes with the
 * offending field in *bad_field. */
#ifndef HONGWU_REGISTRY_PARTY_H
#define HONGWU_REGISTRY_PARTY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

enum party_level {
    PARTY_COMMUNITY_COMMITTEE,
    PARTY_COMMAND_ROOM,
    PARTY_GRID_BRANCH,
    PARTY_BUILDING_GROUP,
    PARTY_CENTRAL_HOUSEHOLD,
    PARTY_LEVEL_COUNT
};

/* -1 for an unknown name. */
int party_level_parse(const char *name);

/* A tree starts at a community committee (parent_level -1), and every
 * child's level comes after its parent's; the command room may be skipped. */
bool party_level_fits(int parent_level, int child_level);

/* The kind of place an organization of this level stands for: a committee
 * its community, a branch its grid, a group its building, a central
 * household its dwelling (or building). */
bool party_level_place_fits(int level, const char *place_kind);

struct party_org_new {
    const char *level, *name;
    int64_t parent_id; /* 0 for a community committee */
    int64_t place_id;  /* required for a committee, else optional (0) */
};
int party_org_create(struct db *db, const struct party_org_new *o, int64_t *id,
                     const char **bad_field);

/* The place that decides who may edit the organization: its own, or the
 * nearest ancestor's. */
int party_org_scope_place(struct db *db, int64_t id, int64_t *place_id, int64_t *district_id);

/* One organization without its children, and the whole tree of a
 * sub-district (district 0: every sub-district) as nested "children". */
int party_org_json(struct db *db, int64_t id, json_t **out);
int party_tree_json(struct db *db, int64_t district, json_t **out);

/* A public card: a photo is a relative path under the upload folder. */
enum { PARTY_PHOTO_MAX = 200, PARTY_RESPONSIBILITY_MAX = 200 };
bool party_photo_path_valid(const char *path);

struct party_card_new {
    int64_t building_id, resident_id; /* resident_id 0: none */
    const char *name, *phone, *responsibility, *photo;
};
int party_card_create(struct db *db, const struct party_card_new *c, int64_t *id,
                      const char **bad_field);
int party_card_json(struct db *db, int64_t id, json_t **out);

#endif
