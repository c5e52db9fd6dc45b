/* Deliberation: its routes, record kinds, field words and demo. */
#include "meetings/meetings_capability.h"

#include "meetings/meetings_http.h"
#include "meetings/reach.h"

extern const struct migration meetings_migrations[];

static const struct field_message messages[] = {
    {"place_id", "须为您所在或管辖的社区、小区或楼栋", "a community, compound or building you reach"},
    {"hall_id", "须为该社区或小区的议事厅", "a hall of the place's community or compound"},
    {"name", "须填写名称（1–64 字）", "a name of 1-64 characters"},
    {"address", "至多 100 字", "at most 100 characters"},
    {"topic", "须填写议题（1–100 字）", "the topic, 1-100 characters"},
    {"starts_at", "须为一年内的时间，如 2026-12-01T19:00:00+08:00",
     "a time within a year, e.g. 2026-12-01T19:00:00+08:00"},
    {"title", "须填写标题（1–100 字），议程至多 30 项", "a title of 1-100 characters; 30 items at most"},
    {"body", "须填写内容（1–2000 字，评论 1–1000 字）",
     "1-2000 characters (a comment 1-1000)"},
    {"topic_id", "须为本会议所涉社区、小区尚未列入议程的议题",
     "an open topic of the meeting's community or compound"},
    {"kind", "须为 community、owners_committee、property_company、resident 或 unit，每次会议至多 60 方",
     "community, owners_committee, property_company, resident or unit; 60 parties at most"},
    {"org_id", "须为本街道与参会方类别相符的组织", "an organization of the sub-district of the party's kind"},
    {"party_id", "须为本次会议的参会方", "a party invited to this meeting"},
    {"parties", "须为本次会议的参会方", "a party invited to this meeting"},
    {"attended", "须为 true 或 false", "true or false"},
    {"minutes", "须填写会议纪要（1–20000 字）", "the minutes, 1-20000 characters"},
    {"held_at", "须为不晚于现在的时间", "a time not in the future"},
    {"status", "会议当前状态不允许此操作", "not possible in the meeting's or topic's current status"},
    {"text", "须填写决定内容（1–2000 字），每次会议至多 30 项",
     "the decision, 1-2000 characters; 30 at most"},
    {"assignee", "至多 64 字", "at most 64 characters"},
    {"due_date", "须为日期 YYYY-MM-DD", "a date YYYY-MM-DD"},
    {"decision_id", "须为本次会议的决定", "a decision of this meeting"},
    {"work_order", "须为 {\"category_id\", \"description\", \"place_id\"} 或 null",
     "{\"category_id\", \"description\", \"place_id\"} or null"},
    {"work_order.category_id", "须为本街道启用的工单类别",
     "an enabled work-order category of the sub-district"},
    {"work_order.description", "问题描述须为 1–2000 字节", "1-2000 bytes"},
    {"work_order.place_id", "须为会议所涉地点内的小区、楼栋或房屋",
     "a compound, building or dwelling within the meeting's place"},
    {"compound_id", "须为小区", "a compound"},
};

#define MEETING_PLACE "SELECT place_id FROM meetings WHERE id = $1"
#define TOPIC_PLACE "SELECT place_id FROM meeting_topics WHERE id = $1"
#define TASK_PLACE                                                                                 \
    "SELECT m.place_id FROM meeting_tasks t JOIN meetings m ON m.id = t.meeting_id WHERE t.id = $1"

static int meeting_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    return reach_record(db, who, MEETING_PLACE, id, write);
}

/* Commenting is taking part: it reaches as reading does. */
static int topic_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    return reach_record(db, who, TOPIC_PLACE, id, false);
}

static int task_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    return reach_record(db, who, TASK_PLACE, id, write);
}

static const struct scope_record records[] = {
    {.kind = "meeting", .table = "meetings", .places_sql = MEETING_PLACE, .visible = meeting_reach},
    {.kind = "meeting_topic", .table = "meeting_topics", .places_sql = TOPIC_PLACE,
     .visible = topic_reach},
    {.kind = "meeting_task", .table = "meeting_tasks", .places_sql = TASK_PLACE,
     .visible = task_reach},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
#define ON(...) CAPABILITY_ROUTE_ON(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/api/v1/meeting-halls", meetings_http_halls, PERM_MEETING_READ),
    R("POST", "/api/v1/meeting-halls", meetings_http_create_hall, PERM_MEETING_WRITE),
    R("GET", "/api/v1/meetings", meetings_http_list, PERM_MEETING_READ),
    R("POST", "/api/v1/meetings", meetings_http_create, PERM_MEETING_WRITE),
    ON("meeting", "GET", "/api/v1/meetings/{id}", meetings_http_get, PERM_MEETING_READ),
    ON("meeting", "POST", "/api/v1/meetings/{id}/agenda", meetings_http_add_agenda,
       PERM_MEETING_WRITE),
    ON("meeting", "POST", "/api/v1/meetings/{id}/parties", meetings_http_add_party,
       PERM_MEETING_WRITE),
    ON("meeting", "POST", "/api/v1/meetings/{id}/attendance", meetings_http_attendance,
       PERM_MEETING_WRITE),
    ON("meeting", "POST", "/api/v1/meetings/{id}/minutes", meetings_http_minutes,
       PERM_MEETING_WRITE),
    ON("meeting", "POST", "/api/v1/meetings/{id}/cancel", meetings_http_cancel,
       PERM_MEETING_WRITE),
    ON("meeting", "POST", "/api/v1/meetings/{id}/decisions", meetings_http_decide,
       PERM_MEETING_WRITE),
    ON("meeting", "POST", "/api/v1/meetings/{id}/tasks", meetings_http_add_task,
       PERM_MEETING_WRITE),
    ON("meeting_task", "POST", "/api/v1/meeting-tasks/{id}/done", meetings_http_task_done,
       PERM_MEETING_WRITE),
    R("GET", "/api/v1/meeting-decisions", meetings_http_decisions, PERM_MEETING_READ),
    R("GET", "/api/v1/topics", meetings_http_topics, PERM_MEETING_READ),
    R("POST", "/api/v1/topics", meetings_http_open_topic, PERM_TOPIC_OPEN),
    ON("meeting_topic", "GET", "/api/v1/topics/{id}", meetings_http_topic, PERM_MEETING_READ),
    ON("meeting_topic", "GET", "/api/v1/topics/{id}/comments", meetings_http_comments,
       PERM_MEETING_READ),
    ON("meeting_topic", "POST", "/api/v1/topics/{id}/comments", meetings_http_comment,
       PERM_TOPIC_OPEN),
};

const struct capability meetings_capability = {
    .name = "meetings",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .migrations = meetings_migrations,
    .records = records,
    .nrecords = CAPABILITY_COUNT_OF(records),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .demo = meetings_demo,
};
