/* Supervision: the inspector's complaint console, the public complaint
 * page and status lookup, the evaluation of property companies and the
 * public red-black list. */
#include "oversight/oversight_capability.h"

#include "oversight/oversight_http.h"

extern const struct migration oversight_migrations[];

static const struct field_message messages[] = {
    {"place_id", "须为本街道的社区或小区", "a community or compound of the sub-district"},
    {"subject_kind", "须为 property_company（物业公司）、staff（工作人员）或 fund（资金使用）",
     "property_company, staff or fund"},
    {"subject_org_id", "须为本街道的物业公司", "a property company of the sub-district"},
    {"subject_user_id", "须为本街道的工作人员账号，且不是您本人",
     "a staff account of the sub-district, not your own"},
    {"subject_text", "请写明被投诉的人员或资金事项（1–200 字节）",
     "whom or which fund it is about, 1-200 bytes"},
    {"matter", "请写明投诉内容（1–2000 字节）", "what happened, 1-2000 bytes"},
    {"name", "姓名须为 1–64 字节的一行文字", "a name of 1-64 bytes on one line"},
    {"phone", "须为 11 位手机号码", "an 11-digit mobile number"},
    {"box_place", "请写明意见箱所在位置（1–200 字节）", "where the box is, 1-200 bytes"},
    {"code", "查询码为 16 位字母和数字，如 7K3M-Q9TB-2H8W-XN4D",
     "16 letters and digits, as 7K3M-Q9TB-2H8W-XN4D"},
    {"status", "须为 received、verifying、found 或 closed",
     "received, verifying, found or closed"},
    {"step", "须为当前可办理的步骤：verify（核实）→ find（认定）→ act（处理）",
     "the open step: verify, then find, then act"},
    {"finding", "认定须为 upheld（属实）、not_upheld（不属实）或 partly_upheld（部分属实），且仅用于认定步骤",
     "upheld, not_upheld or partly_upheld, with the find step only"},
    {"action", "处理结果须为 1–1000 字节，且仅用于处理步骤",
     "the action taken, 1-1000 bytes, with the act step only"},
    {"note", "请填写说明（1–2000 字节）", "a note, 1-2000 bytes"},
    {"district_id", "请指定街道", "name the sub-district"},
    {"quarter", "须为已结束的季度，如 2026Q3", "a quarter that has ended, as 2026Q3"},
    {"org_id", "须为本街道的物业公司", "a property company of the sub-district"},
    {"evaluator", "请填写测评机构（1–100 字节）", "the evaluator, 1-100 bytes"},
    {"score", "须为 0–100 的整数", "a whole number from 0 to 100"},
    {"weights", "四项权重之和须为 100", "the four weights add up to 100"},
    {"w_on_time", "须为 0–100 的整数", "a whole number from 0 to 100"},
    {"w_resolution", "须为 0–100 的整数", "a whole number from 0 to 100"},
    {"w_satisfaction", "须为 0–100 的整数", "a whole number from 0 to 100"},
    {"w_third_party", "须为 0–100 的整数", "a whole number from 0 to 100"},
    {"penalty_upheld", "须为 0–100 的整数", "a whole number from 0 to 100"},
    {"penalty_partly", "须为 0–100 的整数", "a whole number from 0 to 100"},
    {"min_orders", "须为 1–1000 的整数", "a whole number from 1 to 1000"},
    {"list_size", "须为 1–50 的整数", "a whole number from 1 to 50"},
};

/* A complaint is its sub-district's inspectors', but never the one it
 * names (oversight_complaint_reach): no place reaches it. */
static const struct scope_record records[] = {
    {.kind = "complaint", .table = "complaints", .visible = oversight_complaint_visible},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
#define ON(...) CAPABILITY_ROUTE_ON(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/api/v1/public/oversight/places", oversight_http_public_places, PERM_PUBLIC),
    R("POST", "/api/v1/public/complaints", oversight_http_public_file, PERM_PUBLIC),
    R("POST", "/api/v1/public/complaints/status", oversight_http_public_status, PERM_PUBLIC),
    R("GET", "/api/v1/public/red-black-lists", oversight_http_public_lists, PERM_PUBLIC),
    R("GET", "/api/v1/public/red-black-list", oversight_http_public_list, PERM_PUBLIC),
    R("GET", "/api/v1/complaints", oversight_http_complaints, PERM_COMPLAINT_HANDLE),
    R("POST", "/api/v1/complaints", oversight_http_record_box, PERM_COMPLAINT_HANDLE),
    ON("complaint", "GET", "/api/v1/complaints/{id}", oversight_http_complaint,
       PERM_COMPLAINT_HANDLE),
    ON("complaint", "POST", "/api/v1/complaints/{id}/steps", oversight_http_step,
       PERM_COMPLAINT_HANDLE),
    ON("complaint", "GET", "/api/v1/complaints/{id}/contact", oversight_http_contact,
       PERM_COMPLAINT_HANDLE),
    R("GET", "/api/v1/ratings/formula", oversight_http_formula, PERM_RATING_READ),
    R("PUT", "/api/v1/ratings/formula", oversight_http_put_formula, PERM_RATING_WRITE),
    R("GET", "/api/v1/ratings/third-party", oversight_http_third_party, PERM_RATING_WRITE),
    R("POST", "/api/v1/ratings/third-party", oversight_http_add_third_party, PERM_RATING_WRITE),
    R("GET", "/api/v1/ratings/preview", oversight_http_preview, PERM_RATING_WRITE),
    R("POST", "/api/v1/ratings/publish", oversight_http_publish, PERM_RATING_WRITE),
};

const struct capability oversight_capability = {
    .name = "oversight",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .migrations = oversight_migrations,
    .records = records,
    .nrecords = CAPABILITY_COUNT_OF(records),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .demo = oversight_demo,
};
