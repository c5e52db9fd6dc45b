#include "votes/matter.h"

#include <string.h>

/* Civil Code art. 278, para. 1, items (1)-(9); para. 2 sets the majorities:
 * items 6-8 need 3/4 of the participating area and owners, the rest more
 * than 1/2 of each. */
static const struct vote_matter matters[] = {
    {"rules_of_procedure", 1, false, "制定和修改业主大会议事规则",
     "rules of procedure of the owners' assembly"},
    {"management_covenant", 2, false, "制定和修改管理规约", "the management covenant"},
    {"committee_election", 3, false, "选举业主委员会或者更换业主委员会成员",
     "electing or changing the owners' committee"},
    {"property_manager", 4, false, "选聘和解聘物业服务企业或者其他管理人",
     "hiring or dismissing the property company"},
    {"use_maintenance_fund", 5, false, "使用建筑物及其附属设施的维修资金",
     "using the maintenance fund"},
    {"raise_maintenance_fund", 6, true, "筹集建筑物及其附属设施的维修资金",
     "raising the maintenance fund"},
    {"rebuild", 7, true, "改建、重建建筑物及其附属设施",
     "rebuilding or altering the buildings and their facilities (an elevator added)"},
    {"common_parts_use", 8, true, "改变共有部分的用途或者利用共有部分从事经营活动",
     "changing the use of common parts or running a business on them"},
    {"other", 9, false, "有关共有和共同管理权利的其他重大事项",
     "another major matter of common ownership and management"},
};

const struct vote_matter *vote_matter_find(const char *code)
{
    for (size_t i = 0; code && i < sizeof matters / sizeof matters[0]; i++)
        if (strcmp(matters[i].code, code) == 0)
            return &matters[i];
    return NULL;
}

const struct vote_matter *vote_matters(size_t *n)
{
    *n = sizeof matters / sizeof matters[0];
    return matters;
}
