#include "kit/privacy.h"

#include <stdio.h>
#include <string.h>

#include "kit/audit.h"
#include "base/err.h"
#include "http/request.h"
#include "base/validate.h"

#define R(role) (1u << (role))

/* Who needs identifiers and health data to do their work (domain.md, "Who uses
 * it"; "Privacy"). Building leaders, property staff, inspectors and the rest
 * see masks: they act on a household without needing its ID numbers. */
static const unsigned need_to_know = R(ROLE_COMMUNITY_STAFF) | R(ROLE_SUBDISTRICT_OFFICER) |
                                     R(ROLE_GRID_LEADER) | R(ROLE_GRID_WORKER) | R(ROLE_ADMIN) |
                                     R(ROLE_RESIDENT);

static bool role_in(const struct principal *who, unsigned roles)
{
    return who && (unsigned)who->role < ROLE_COUNT && (roles & R(who->role));
}

bool privacy_sees_identifiers(const struct principal *who) { return role_in(who, need_to_know); }

bool privacy_sees_sensitive_tags(const struct principal *who) { return role_in(who, need_to_know); }

bool privacy_sees_children(const struct principal *who) { return role_in(who, need_to_know); }

void privacy_child_cutoff(const char *today, char *out, size_t out_size)
{
    int year = 0;
    if (sscanf(today, "%4d", &year) != 1)
        year = 0;
    snprintf(out, out_size, "%04d%s", year - PRIVACY_CHILD_AGE, today + 4);
}

bool privacy_is_child(const char *birth_date, const char *today)
{
    if (!birth_date || !today)
        return false;
    char cutoff[16];
    privacy_child_cutoff(today, cutoff, sizeof cutoff);
    /* YYYY-MM-DD compares as text in time order. */
    return strcmp(birth_date, cutoff) > 0;
}

bool privacy_query_is_identifier(const char *q)
{
    int digits = 0, symbols = 0;
    for (const char *p = q; p && *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == 'x' || *p == 'X')
            symbols++;
        else if (!strchr("*- ", *p))
            return false;
    }
    return digits > 0 && digits + symbols >= 4;
}

json_t *privacy_id_number_json(const struct principal *who, const char *id_number,
                               unsigned *disclosed)
{
    if (!id_number)
        return json_null();
    if (privacy_sees_identifiers(who)) {
        *disclosed |= PRIVACY_ID_NUMBER;
        return json_string(id_number);
    }
    char masked[32];
    mask_id_number(id_number, masked, sizeof masked);
    return json_string(masked);
}

json_t *privacy_phone_json(const struct principal *who, const char *phone, unsigned *disclosed)
{
    if (!phone)
        return json_null();
    if (privacy_sees_identifiers(who)) {
        *disclosed |= PRIVACY_PHONE;
        return json_string(phone);
    }
    char masked[32];
    mask_phone(phone, masked, sizeof masked);
    return json_string(masked);
}

json_t *privacy_birth_date_json(const struct principal *who, const char *birth_date)
{
    return birth_date && privacy_sees_identifiers(who) ? json_string(birth_date) : json_null();
}

void privacy_fields_text(unsigned fields, char *out, size_t out_size)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {
        {PRIVACY_ID_NUMBER, "id_number"},
        {PRIVACY_PHONE, "phone"},
        {PRIVACY_SENSITIVE_TAGS, "sensitive_tags"},
        {PRIVACY_CHILD, "child"},
    };
    size_t used = 0;
    if (out_size)
        out[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(fields & names[i].bit) || used >= out_size)
            continue;
        int n = snprintf(out + used, out_size - used, "%s%s", used ? "," : "", names[i].name);
        used += n > 0 ? (size_t)n : 0;
    }
}

int privacy_log_reads(struct request *req, const char *subject, const struct privacy_read *reads,
                      size_t n)
{
    size_t logged = 0;
    for (size_t i = 0; i < n; i++)
        logged += reads[i].fields != 0;
    if (!logged)
        return HW_OK;
    /* Inside a write's own transaction (its answer), or one for a whole page:
     * one commit instead of one per person. */
    bool own = !db_in_txn(req->db);
    int rc = own ? db_begin(req->db, DB_TXN_WRITE) : HW_OK;
    if (rc != HW_OK)
        return rc;
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        if (!reads[i].fields)
            continue;
        char fields[64];
        privacy_fields_text(reads[i].fields, fields, sizeof fields);
        rc = audit_sensitive_read(req, subject, reads[i].subject_id, reads[i].district_id, fields);
    }
    if (own && rc == HW_OK)
        rc = db_commit(req->db);
    if (own && rc != HW_OK)
        db_rollback(req->db);
    return rc;
}
