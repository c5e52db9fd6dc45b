#include "oversight/complaint_rules.h"

#include <string.h>

#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"

static const char *const subjects[] = {"property_company", "staff", "fund"};
static const char *const statuses[] = {"received", "verifying", "found", "closed"};
static const char *const steps[] = {"verify", "find", "act"};
static const char *const findings[] = {"upheld", "not_upheld", "partly_upheld"};

#define COUNT(a) (int)(sizeof a / sizeof a[0])

static int parse(const char *const *names, int n, const char *s, int *out)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return HW_OK;
        }
    return HW_EINVAL;
}

const char *oversight_subject_name(enum oversight_subject s) { return subjects[s]; }
const char *oversight_status_name(enum oversight_status s) { return statuses[s]; }
const char *oversight_step_name(enum oversight_step s) { return steps[s]; }
const char *oversight_finding_name(enum oversight_finding f) { return findings[f]; }

int oversight_subject_parse(const char *s, enum oversight_subject *out)
{
    int i, rc = parse(subjects, COUNT(subjects), s, &i);
    if (rc == HW_OK)
        *out = (enum oversight_subject)i;
    return rc;
}

int oversight_status_parse(const char *s, enum oversight_status *out)
{
    int i, rc = parse(statuses, COUNT(statuses), s, &i);
    if (rc == HW_OK)
        *out = (enum oversight_status)i;
    return rc;
}

int oversight_step_parse(const char *s, enum oversight_step *out)
{
    int i, rc = parse(steps, COUNT(steps), s, &i);
    if (rc == HW_OK)
        *out = (enum oversight_step)i;
    return rc;
}

int oversight_finding_parse(const char *s, enum oversight_finding *out)
{
    int i, rc = parse(findings, COUNT(findings), s, &i);
    if (rc == HW_OK)
        *out = (enum oversight_finding)i;
    return rc;
}

bool oversight_text_ok(const char *s, unsigned long max)
{
    if (!s || strlen(s) > max)
        return false;
    for (const char *p = s; *p;) {
        size_t blank = text_blank_at(p);
        if (!blank)
            return text_chars(s, true) > 0;
        p += blank;
    }
    return false;
}

const char *oversight_filing_check(const struct oversight_filing *f)
{
    switch (f->subject) {
    case OVERSIGHT_SUBJECT_COMPANY:
        if (f->subject_org_id <= 0)
            return "subject_org_id";
        break;
    case OVERSIGHT_SUBJECT_STAFF:
    case OVERSIGHT_SUBJECT_FUND:
        if (f->subject_user_id <= 0 && !f->subject_text)
            return "subject_text";
        break;
    }
    if (f->subject_text && !oversight_text_ok(f->subject_text, OVERSIGHT_SUBJECT_TEXT_MAX))
        return "subject_text";
    if (!oversight_text_ok(f->matter, OVERSIGHT_MATTER_MAX))
        return "matter";
    if (f->name && (!oversight_text_ok(f->name, OVERSIGHT_NAME_MAX) || strchr(f->name, '\n')))
        return "name";
    if (f->phone && !validate_mobile(f->phone))
        return "phone";
    if (f->from_box && !oversight_text_ok(f->box_place, OVERSIGHT_BOX_PLACE_MAX))
        return "box_place";
    return NULL;
}

int oversight_step_next(enum oversight_status status, enum oversight_step step,
                        enum oversight_status *next)
{
    switch (step) {
    case OVERSIGHT_STEP_VERIFY:
        if (status != OVERSIGHT_RECEIVED && status != OVERSIGHT_VERIFYING)
            return HW_ECONFLICT;
        *next = OVERSIGHT_VERIFYING;
        return HW_OK;
    case OVERSIGHT_STEP_FIND:
        if (status != OVERSIGHT_VERIFYING)
            return HW_ECONFLICT;
        *next = OVERSIGHT_FOUND;
        return HW_OK;
    case OVERSIGHT_STEP_ACT:
        if (status != OVERSIGHT_FOUND)
            return HW_ECONFLICT;
        *next = OVERSIGHT_CLOSED;
        return HW_OK;
    }
    return HW_ECONFLICT;
}
