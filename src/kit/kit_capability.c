/* The kit as a capability: the health checks, the test clock, the audit
 * log and the log of sensitive reads, jobs, notifications and webhooks, the
 * foundation's migrations (accounts, sessions, the logs, idempotency keys),
 * and the demo's announcement and webhook. */
#include "kit/kit_capability.h"

#include "http/system_http.h"
#include "kit/jobs_http.h"
#include "kit/kit_demo.h"
#include "kit/kit_http.h"
#include "kit/log_retention.h"
#include "kit/notify_core.h"
#include "kit/notify_http.h"
#include "kit/webhook_core.h"

extern const struct migration kit_migrations[];

static const struct field_message messages[] = {
    {"advance_seconds", "须为正整数秒数", "a positive number of seconds"},
    {"title", "须为 1 至 200 个字符的标题", "a title of 1 to 200 characters"},
    {"body", "须为 1 至 4000 个字符的正文", "a text of 1 to 4000 characters"},
    {"roles", "须为不重复的角色名列表", "a list of distinct role names"},
    {"at", "须为一年以内的 RFC 3339 时间或纪元秒数",
     "an RFC 3339 time or epoch seconds within a year"},
    {"url", "须为 http:// 或 https:// 开头的完整网址", "an absolute http:// or https:// URL"},
    {"events", "须为不重复的已知事件名列表（如 announcement）",
     "a list of distinct known events (such as announcement)"},
    {"secret", "须为 16 至 128 个可见 ASCII 字符", "16 to 128 printable ASCII characters"},
    {"from", "须为 2024-03-05 这样的日期", "a date such as 2024-03-05"},
    {"to", "须为 2024-03-05 这样的日期，且不早于起始日期",
     "a date such as 2024-03-05, not before the first day"},
    {"kind", "须为 login（登录）或 change（变更）", "login or change"},
};

/* The records of jobs and notifications (notify_reach.c). */
static const struct scope_record records[] = {
    {.kind = "job", .table = "jobs", .visible = jobs_record_reach},
    {.kind = "notification", .table = "notifications", .visible = notification_record_reach},
    {.kind = "announcement", .table = "announcements", .visible = announcement_record_reach},
    {.kind = "webhook", .table = "webhooks", .visible = webhook_record_reach},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
#define ON(...) CAPABILITY_ROUTE_ON(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/healthz", system_http_healthz, PERM_PUBLIC),
    R("GET", "/readyz", system_http_readyz, PERM_PUBLIC),
    R("GET", "/api/v1/audit", audit_http_list, PERM_AUDIT_READ),
    CAPABILITY_ROUTE_LONG(messages, "GET", "/api/v1/audit/export.csv", audit_http_export,
                          PERM_AUDIT_READ, 0),
    R("GET", "/api/v1/audit/sensitive-reads", audit_http_sensitive_reads, PERM_AUDIT_READ),
    R("POST", "/api/v1/test/clock", system_http_test_clock, PERM_TEST_CLOCK),
    /* Jobs and notifications (architecture.md). */
    R("GET", "/api/v1/jobs", jobs_http_list, PERM_JOBS_ADMIN),
    ON("job", "GET", "/api/v1/jobs/{id}", jobs_http_get, PERM_JOBS_ADMIN),
    ON("job", "POST", "/api/v1/jobs/{id}/retry", jobs_http_retry, PERM_JOBS_ADMIN),
    R("POST", "/api/v1/test/jobs", jobs_http_test_schedule, PERM_TEST_CLOCK),
    R("GET", "/api/v1/inbox", notify_http_inbox, PERM_INBOX),
    R("POST", "/api/v1/inbox/read-all", notify_http_read_all, PERM_INBOX),
    ON("notification", "POST", "/api/v1/inbox/{id}/read", notify_http_read, PERM_INBOX),
    R("POST", "/api/v1/announcements", notify_http_announce, PERM_ANNOUNCE),
    R("GET", "/api/v1/announcements", notify_http_announcements, PERM_ANNOUNCE),
    ON("announcement", "GET", "/api/v1/announcements/{id}", notify_http_announcement,
       PERM_ANNOUNCE),
    R("POST", "/api/v1/webhooks", webhook_http_create, PERM_WEBHOOK_ADMIN),
    R("GET", "/api/v1/webhooks", webhook_http_list, PERM_WEBHOOK_ADMIN),
    ON("webhook", "GET", "/api/v1/webhooks/{id}", webhook_http_get, PERM_WEBHOOK_ADMIN),
    ON("webhook", "PATCH", "/api/v1/webhooks/{id}", webhook_http_update, PERM_WEBHOOK_ADMIN),
    ON("webhook", "GET", "/api/v1/webhooks/{id}/deliveries", webhook_http_deliveries,
       PERM_WEBHOOK_ADMIN),
};

/* The jobs the kit runs: kit/jobs_core.h. */
static const struct job_kind jobs[] = {
    {.name = NOTIFY_ANNOUNCEMENT_JOB, .run = notify_announcement_run},
    {.name = WEBHOOK_DELIVER_JOB, .run = webhook_deliver_run, .prepare = webhook_deliver_prepare},
    {.name = JOBS_TEST_ECHO_JOB, .run = jobs_test_echo_run},
    {.name = LOG_RETENTION_JOB, .run = log_retention_job_run,
     .prepare = log_retention_job_prepare},
};

const struct capability kit_capability = {
    .name = "kit",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .migrations = kit_migrations,
    .records = records,
    .nrecords = CAPABILITY_COUNT_OF(records),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .jobs = jobs,
    .njobs = CAPABILITY_COUNT_OF(jobs),
    .demo = kit_demo,
};
