#include "kit/place_kinds.h"

#include <string.h>

const struct place_kind place_kinds[] = {
    {"subdistrict", "district_id", NULL},    {"community", "community_id", "subdistrict"},
    {"zone", "zone_id", "community"},        {"compound", "compound_id", "community"},
    {"grid", "grid_id", "community"},        {"micro_grid", "micro_grid_id", "grid"},
    {"building", "building_id", "compound"}, {"entrance", "entrance_id", "building"},
    {"dwelling", "id", "entrance"},
};
const size_t place_kinds_count = sizeof place_kinds / sizeof place_kinds[0];

int place_kind_index(const char *kind)
{
    for (size_t i = 0; kind && i < place_kinds_count; i++)
        if (strcmp(place_kinds[i].kind, kind) == 0)
            return (int)i;
    return -1;
}

const char *place_kind_column(const char *kind)
{
    int i = place_kind_index(kind);
    return i < 0 ? NULL : place_kinds[i].column;
}

bool place_kind_valid(const char *kind) { return place_kind_index(kind) >= 0; }
