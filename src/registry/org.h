/* Organizations of the area (domain.md, "Places"): property companies and
 * the compounds they serve, owners' committees, alliance units (共建单位)
 * with what they offer, social organizations and resident units. A compound
 * without a current property company is a 无物管小区 (docs/domain.md PL-5); place JSON
 * says so in has_property_company. Functions run inside the caller's
 * transaction; HW_EINVAL comes with the offending field in *bad_field. */
#ifndef HONGWU_REGISTRY_ORG_H
#define HONGWU_REGISTRY_ORG_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

enum { ORG_NAME_MAX = 100, ORG_OFFERS_MAX = 2000 };

struct org_new {
    const char *kind, *name;
    int64_t place_id; /* where it is registered: sub-district, community or compound */
    const char *contact_name, *contact_phone, *offers; /* NULL: none */
};

bool org_kind_valid(const char *kind);

int org_create(struct db *db, const struct org_new *o, int64_t *id, const char **bad_field);

/* NULL leaves a field as it is; "" clears an optional one. */
struct org_patch {
    const char *name, *contact_name, *contact_phone, *offers;
};
int org_update(struct db *db, int64_t id, const struct org_patch *p, const char **bad_field);

/* The organization serves a compound of its sub-district from started to
 * ended (org_period.h). Only property companies and owners' committees
 * serve compounds, and a compound has at most one of each kind at a time:
 * an overlap is HW_ECONFLICT (*bad_field "period"). */
int org_serve_compound(struct db *db, int64_t org_id, int64_t compound_id, const char *started,
                       const char *ended, int64_t *link_id, const char **bad_field);

/* Changes the dates of one link of the organization (NULL keeps a date,
 * "" clears it): setting `ended` is how a company stops serving a compound.
 * The same overlap rule holds. HW_ENOTFOUND when the link is not the
 * organization's. */
int org_compound_update(struct db *db, int64_t org_id, int64_t link_id, const char *started,
                        const char *ended, const char **bad_field);

/* Where the organization is registered, and its sub-district. */
int org_place(struct db *db, int64_t id, int64_t *place_id, int64_t *district_id);

/* The organization with the compounds it serves, each marked current or not
 * on day today. */
int org_json(struct db *db, int64_t id, const char *today, json_t **out);

#endif
