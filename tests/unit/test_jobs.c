/* Jobs and notifications: the pure parts (backoff schedule, due-time
 * arithmetic, the webhook signature), then the claim protocol on SQLite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "kit/jobs_core.h"
#include "kit/webhook_core.h"
#include "store/db.h"
#include "store/migrate.h"
#include "unit_db.h"

static void backoff_doubles_up_to_the_cap(void **state)
{
    (void)state;
    assert_int_equal(jobs_backoff_s(1), 30);
    assert_int_equal(jobs_backoff_s(2), 60);
    assert_int_equal(jobs_backoff_s(3), 120);
    assert_int_equal(jobs_backoff_s(4), 240);
    assert_int_equal(jobs_backoff_s(7), 1920);
    assert_int_equal(jobs_backoff_s(8), JOBS_BACKOFF_CAP_S);  /* 3840 capped */
    assert_int_equal(jobs_backoff_s(60), JOBS_BACKOFF_CAP_S); /* no overflow */
    assert_int_equal(jobs_backoff_s(1000000), JOBS_BACKOFF_CAP_S);
    assert_int_equal(jobs_backoff_s(0), 30);
    assert_int_equal(jobs_backoff_s(-5), 30);
    for (int a = 1; a < 40; a++)
        assert_true(jobs_backoff_s(a + 1) >= jobs_backoff_s(a));
}

static void retry_due_is_now_plus_backoff(void **state)
{
    (void)state;
    assert_int_equal(jobs_retry_due(1700000000, 1), 1700000030);
    assert_int_equal(jobs_retry_due(1700000000, 3), 1700000120);
    assert_int_equal(jobs_retry_due(1700000000, 20), 1700003600);
}

static void due_times_parse(void **state)
{
    (void)state;
    int64_t t = 0;
    assert_int_equal(jobs_parse_time("1970-01-01T00:00:00Z", &t), HW_OK);
    assert_int_equal(t, 0);
    assert_int_equal(jobs_parse_time("2023-11-14T22:13:20Z", &t), HW_OK);
    assert_int_equal(t, 1700000000);
    /* The same instant in China Standard Time, and with a fraction dropped. */
    assert_int_equal(jobs_parse_time("2023-11-15T06:13:20+08:00", &t), HW_OK);
    assert_int_equal(t, 1700000000);
    assert_int_equal(jobs_parse_time("2023-11-15T06:13:20.999+08:00", &t), HW_OK);
    assert_int_equal(t, 1700000000);
    assert_int_equal(jobs_parse_time("2023-11-14T17:43:20-04:30", &t), HW_OK);
    assert_int_equal(t, 1700000000);
    /* Leap days. */
    assert_int_equal(jobs_parse_time("2024-02-29T00:00:00Z", &t), HW_OK);
    assert_int_equal(t, 1709164800);
    assert_int_equal(jobs_parse_time("2000-02-29T00:00:00z", &t), HW_OK);
    assert_int_equal(t, 951782400);
    const char *bad[] = {
        "",
        "2023-11-14",
        "2023-11-14T22:13:20",  /* no offset */
        "2023-11-14 22:13:20Z", /* a space */
        "2023-02-29T00:00:00Z", /* not a leap year */
        "1900-02-29T00:00:00Z", /* nor this */
        "2023-13-01T00:00:00Z",
        "2023-04-31T00:00:00Z",
        "2023-11-14T24:00:00Z",
        "2023-11-14T22:60:00Z",
        "2023-11-14T22:13:60Z",
        "2023-11-14T22:13:20+8:00",
        "2023-11-14T22:13:20+08:00x",
        "2023-11-14T22:13:20.Z",
        "1969-12-31T23:59:59Z",
        "tomorrow",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (jobs_parse_time(bad[i], &t) != HW_EINVAL)
            fail_msg("accepted %s", bad[i]);
    }
    assert_int_equal(jobs_parse_time(NULL, &t), HW_EINVAL);
}

/* The vectors come from Python: hmac.new(secret, f"{ts}.{body}", sha256). */
static void webhook_signature_is_hmac_of_timestamp_dot_body(void **state)
{
    (void)state;
    const char *body = "{\"id\":1,\"event\":\"announcement\"}";
    char sig[WEBHOOK_SIGNATURE_SIZE];
    webhook_signature("whsec_test_secret_0123456789", 1700000000, body, strlen(body), sig);
    assert_string_equal(sig,
                        "sha256=a546261784394468bfc8eeff7d49132fcdbf8302ac0de092a80de5c8889fe962");
    /* A key longer than SHA-256's block is hashed first, as HMAC says. */
    char long_key[101];
    memset(long_key, 'k', 100);
    long_key[100] = '\0';
    webhook_signature(long_key, 0, "", 0, sig);
    assert_string_equal(sig,
                        "sha256=243c2f8200e1d4ee892e7a7ded377a65e2beb1c64b997c54b8b0f516216d4b0f");

    size_t len = 0;
    char *text = webhook_signed_text(1700000000, body, strlen(body), &len);
    assert_non_null(text);
    assert_string_equal(text, "1700000000.{\"id\":1,\"event\":\"announcement\"}");
    assert_int_equal(len, strlen(text));
    free(text);
}

static void webhook_urls_and_secrets(void **state)
{
    (void)state;
    assert_int_equal(webhook_check_url("http://127.0.0.1:9/"), HW_OK);
    assert_int_equal(webhook_check_url("https://hooks.example.cn/hongwu?x=1"), HW_OK);
    assert_int_equal(webhook_check_url("HTTPS://example.cn/"), HW_OK);
    assert_int_equal(webhook_check_url("ftp://example.cn/"), HW_EINVAL);
    assert_int_equal(webhook_check_url("file:///etc/passwd"), HW_EINVAL);
    assert_int_equal(webhook_check_url("example.cn/hook"), HW_EINVAL);
    assert_int_equal(webhook_check_url("http://"), HW_EINVAL);
    assert_int_equal(webhook_check_url("http://exa mple.cn/"), HW_EINVAL);
    assert_int_equal(webhook_check_url("http://example.cn/\n"), HW_EINVAL);
    assert_int_equal(webhook_check_url(""), HW_EINVAL);
    assert_int_equal(webhook_check_url(NULL), HW_EINVAL);
    assert_int_equal(webhook_check_secret("0123456789abcdef"), HW_OK);
    assert_int_equal(webhook_check_secret("short"), HW_EINVAL);
    assert_int_equal(webhook_check_secret("0123456789 abcdef"), HW_EINVAL);
    char secret[WEBHOOK_SECRET_SIZE];
    webhook_new_secret(secret);
    assert_int_equal(strncmp(secret, "whsec_", 6), 0);
    assert_int_equal(strlen(secret), 6 + 48);
    assert_int_equal(webhook_check_secret(secret), HW_OK);
}

/* --- the claim protocol on a SQLite file ------------------------------------ */

static int runs, fails_left;

static int count_run(struct db *db, const struct job *job)
{
    (void)db;
    (void)job;
    runs++;
    return HW_OK;
}

static int flaky_run(struct db *db, const struct job *job)
{
    /* Its effect must vanish when it fails. */
    int64_t n = db_run(db,
                       "INSERT INTO login_throttle (key, failures, window_start, locked_until)"
                       " VALUES ('effect:' || $1, 0, 0, 0)",
                       "i", (int64_t)job->attempts);
    assert_true(n == 1);
    if (fails_left > 0) {
        fails_left--;
        jobs_set_error(job, "flaky failure %d", job->attempts);
        return HW_EIO;
    }
    return HW_OK;
}

static const struct job_kind kinds[] = {{.name = "count", .run = count_run},
                                        {.name = "flaky", .run = flaky_run}};
static const struct job_kind *const kind_list[] = {&kinds[0], &kinds[1]};

struct fixture {
    char path[128];
    struct db *db;
};

static int setup(void **state)
{
    static struct fixture f;
    unit_db_path(f.path, sizeof f.path, "jobs");
    unit_db_remove(f.path);
    if (sodium_init() < 0 || db_open(f.path, &f.db) != HW_OK || migrate_run(f.db, NULL) != HW_OK)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    unit_db_remove(f->path);
    return 0;
}

static int64_t scalar(struct db *db, const char *sql, int64_t id)
{
    int64_t v = -1;
    assert_int_equal(db_scalar_int(db, &v, sql, "i", id), HW_OK);
    return v;
}

static void due_jobs_run_once_and_timers_dedup(void **state)
{
    struct fixture *f = *state;
    int64_t now = clock_now(), a, b, c;
    runs = 0;
    assert_int_equal(db_begin(f->db, DB_TXN_WRITE), HW_OK);
    assert_int_equal(jobs_schedule(f->db, "count", NULL, now - 5, "timer:1", 0, &a), HW_OK);
    assert_int_equal(jobs_schedule(f->db, "count", NULL, now - 1, "timer:1", 0, &b), HW_OK);
    assert_int_equal(jobs_schedule(f->db, "count", NULL, now + 3600, NULL, 0, &c), HW_OK);
    assert_int_equal(db_commit(f->db), HW_OK);
    assert_int_equal(a, b); /* the same timer is not scheduled twice */
    int n = 0;
    assert_int_equal(jobs_run_due(f->db, kind_list, 2, 100, &n), HW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(runs, 1);
    assert_int_equal(jobs_run_due(f->db, kind_list, 2, 100, &n), HW_OK);
    assert_int_equal(n, 0); /* done, and the other is not due */
    assert_int_equal(scalar(f->db, "SELECT count(*) FROM jobs WHERE id = $1 AND state = 'done'", a),
                     1);
    assert_int_equal(
        scalar(f->db, "SELECT count(*) FROM jobs WHERE id = $1 AND state = 'pending'", c), 1);
}

static void failures_back_off_then_fail_and_roll_back(void **state)
{
    struct fixture *f = *state;
    int64_t now = clock_now(), id;
    fails_left = 100;
    struct job_new j = {.kind = "flaky", .due_at = now, .max_attempts = 3};
    assert_int_equal(db_begin(f->db, DB_TXN_WRITE), HW_OK);
    assert_int_equal(jobs_schedule_new(f->db, &j, &id), HW_OK);
    assert_int_equal(db_commit(f->db), HW_OK);
    int n = 0;
    assert_int_equal(jobs_run_due(f->db, kind_list, 2, 10, &n), HW_OK);
    assert_int_equal(n, 1); /* then it waits for its backoff */
    int64_t due = scalar(f->db, "SELECT due_at FROM jobs WHERE id = $1", id);
    assert_true(due >= now + jobs_backoff_s(1) && due <= clock_now() + jobs_backoff_s(1));
    assert_int_equal(scalar(f->db, "SELECT attempts FROM jobs WHERE id = $1", id), 1);
    assert_int_equal(scalar(f->db, "SELECT count(*) FROM login_throttle WHERE $1 = 1", 1),
                     0); /* the failed attempt's effect was rolled back */
    /* Make it due twice more: the third failure is final. */
    for (int k = 0; k < 2; k++) {
        assert_true(db_run(f->db, "UPDATE jobs SET due_at = 0 WHERE id = $1", "i", id) == 1);
        assert_int_equal(jobs_run_due(f->db, kind_list, 2, 10, &n), HW_OK);
        assert_int_equal(n, 1);
    }
    assert_int_equal(scalar(f->db,
                            "SELECT count(*) FROM jobs WHERE id = $1 AND state = 'failed'"
                            " AND attempts = 3 AND last_error = 'flaky failure 3'",
                            id),
                     1);
    assert_true(db_run(f->db, "UPDATE jobs SET due_at = 0 WHERE id = $1", "i", id) == 1);
    assert_int_equal(jobs_run_due(f->db, kind_list, 2, 10, &n), HW_OK);
    assert_int_equal(n, 0); /* failed stays failed */
}

static void an_expired_lease_is_claimed_again(void **state)
{
    struct fixture *f = *state;
    int64_t now = clock_now(), id;
    runs = 0;
    assert_int_equal(db_begin(f->db, DB_TXN_WRITE), HW_OK);
    assert_int_equal(jobs_schedule(f->db, "count", NULL, now, NULL, 0, &id), HW_OK);
    /* As a process that died after its claim leaves it. */
    assert_true(db_run(f->db,
                       "UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'dead',"
                       " locked_until = $1 WHERE id = $2",
                       "ii", now + JOBS_LEASE_S, id) == 1);
    assert_int_equal(db_commit(f->db), HW_OK);
    int n = 0;
    assert_int_equal(jobs_run_due(f->db, kind_list, 2, 10, &n), HW_OK);
    assert_int_equal(n, 0); /* the lease still holds */
    assert_true(
        db_run(f->db, "UPDATE jobs SET locked_until = $1 WHERE id = $2", "ii", now - 1, id) == 1);
    assert_int_equal(jobs_run_due(f->db, kind_list, 2, 10, &n), HW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(runs, 1);
    assert_int_equal(scalar(f->db,
                            "SELECT count(*) FROM jobs WHERE id = $1 AND state = 'done'"
                            " AND attempts = 2 AND locked_by IS NULL",
                            id),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(backoff_doubles_up_to_the_cap),
        cmocka_unit_test(retry_due_is_now_plus_backoff),
        cmocka_unit_test(due_times_parse),
        cmocka_unit_test(webhook_signature_is_hmac_of_timestamp_dot_body),
        cmocka_unit_test(webhook_urls_and_secrets),
        cmocka_unit_test_setup_teardown(due_jobs_run_once_and_timers_dedup, setup, teardown),
        cmocka_unit_test_setup_teardown(failures_back_off_then_fail_and_roll_back, setup, teardown),
        cmocka_unit_test_setup_teardown(an_expired_lease_is_claimed_again, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
