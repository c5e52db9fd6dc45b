#include "meetings/place_ref.h"

#include "base/err.h"
#include "place/place.h"

int meetings_place_ref(struct db *db, int64_t id, json_t **out)
{
    char label[PLACE_LABEL_MAX] = "", kind[PLACE_KIND_SIZE] = "";
    int64_t district;
    int rc = place_kind_district(db, id, kind, &district);
    if (rc == HW_OK)
        rc = place_label(db, id, label, sizeof label);
    if (rc != HW_OK)
        return rc;
    *out = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "kind", kind, "label", label);
    return *out ? HW_OK : HW_ENOMEM;
}
