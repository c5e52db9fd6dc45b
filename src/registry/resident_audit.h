/* What the audit log keeps of a resident, whichever path changed them (the
 * API, an import, the command line): identifiers masked, the birth year
 * only, and a child's name masked (docs/privacy.md). audit_record masks the
 * same keys again, so nothing written elsewhere slips through. */
#ifndef HONGWU_REGISTRY_RESIDENT_AUDIT_H
#define HONGWU_REGISTRY_RESIDENT_AUDIT_H

#include <jansson.h>

#include "registry/resident.h"

/* {"name","sex","birth_date","id_number","phone","party_org_id","note",
 * "minor"}, or NULL when out of memory. */
json_t *resident_audit_json(const struct resident *r);

#endif
