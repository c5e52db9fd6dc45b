/* What the loaders share: the skeleton's kinds and the built-in tags' ids. */
#include <stdio.h>
#include <string.h>

#include "loader.h"
#include "tag_ids.h"

const struct derived_table loader_keys[] = {
    {"resident_name_grams", "resident_name_gram_source",
     "district_id, gram, resident_id, community_id"},
    {"resident_tag_communities", "resident_tag_community_source",
     "district_id, tag_id, resident_id, community_id"},
    {"resident_tag_grids", "resident_tag_grid_source", "grid_id, tag_id, resident_id"},
};
const size_t loader_keys_count = sizeof loader_keys / sizeof loader_keys[0];

bool loader_skeleton_kind(const char *kind)
{
    static const char *const skeleton[] = {"subdistrict", "community", "grid", "micro_grid"};
    for (size_t i = 0; i < sizeof skeleton / sizeof skeleton[0]; i++)
        if (strcmp(kind, skeleton[i]) == 0)
            return true;
    return false;
}

void tag_ids_put(struct tag_ids *t, const char *code, int64_t id)
{
    if (t->n == TAG_IDS_MAX || !code)
        return;
    snprintf(t->code[t->n], sizeof t->code[0], "%s", code);
    t->id[t->n++] = id;
}

int64_t tag_ids_get(const struct tag_ids *t, const char *code)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->code[i], code) == 0)
            return t->id[i];
    return 0;
}

bool tag_ids_complete(const struct tag_ids *t)
{
    /* The codes people.c hands out. */
    static const char *const used[] = {"aged_80_plus", "preschool_child", "living_alone",
                                       "disabled", "low_income"};
    bool ok = true;
    for (size_t i = 0; i < sizeof used / sizeof used[0]; i++) {
        if (!tag_ids_get(t, used[i])) {
            fprintf(stderr, "gen_city: the database has no built-in tag %s\n", used[i]);
            ok = false;
        }
    }
    return ok;
}
