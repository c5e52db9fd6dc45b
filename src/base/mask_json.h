/* Masking personal data inside a JSON document kept for the record (the
 * audit log): whatever path wrote it, the same keys are masked the same way.
 * docs/privacy.md lists what the audit log keeps of each kind of data. */
#ifndef HONGWU_BASE_MASK_JSON_H
#define HONGWU_BASE_MASK_JSON_H

#include <jansson.h>

/* Masks, in place and at any depth: "id_number" (region and last four),
 * "phone", "contact_phone" and "mobile" (138****5678), "birth_date" (the
 * year: with the day a masked ID number is whole again), and the "name" of
 * an object marked "minor": true (its first character, then "*"). A value
 * already masked is left as it is, so masking twice changes nothing. */
void mask_personal_json(json_t *v);

/* "王*": the first character of a name and one "*" (size >= 8). */
void mask_name(const char *name, char *out, size_t out_size);

#endif
