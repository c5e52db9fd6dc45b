#include "registry/resident_audit.h"

#include <stdio.h>

#include "base/clock.h"
#include "base/mask_json.h"
#include "base/validate.h"
#include "kit/privacy.h"

json_t *resident_audit_json(const struct resident *r)
{
    char id[32] = "", phone[32] = "", born[16] = "", today[11];
    if (r->id_number)
        mask_id_number(r->id_number, id, sizeof id);
    if (r->phone)
        mask_phone(r->phone, phone, sizeof phone);
    /* The year only: with the day, a masked ID number is whole again. */
    if (r->birth_date)
        snprintf(born, sizeof born, "%.4s-**-**", r->birth_date);
    clock_today(today);
    json_t *o = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:o, s:s?, s:b}", "name", r->name, "sex",
                          r->sex, "birth_date", r->birth_date ? born : NULL, "id_number",
                          r->id_number ? id : NULL, "phone", r->phone ? phone : NULL,
                          "party_org_id",
                          r->party_org_id ? json_integer(r->party_org_id) : json_null(), "note",
                          r->note, "minor", privacy_is_child(r->birth_date, today));
    mask_personal_json(o); /* a child's name */
    return o;
}
