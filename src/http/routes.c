/* The whole API surface in one table: method, path, handler, permission.
 * docs/openapi.yaml must list the same routes (tests/api/test_openapi.py). */
#include "audit/audit.h"
#include "auth/auth_http.h"
#include "auth/users.h"
#include "http/router.h"
#include "http/system_http.h"
#include "place/place.h"
#include "registry/coverage.h"
#include "registry/org.h"
#include "registry/party.h"
#include "registry/post.h"
#include "registry/resident_http.h"
#include "transfer/transfer.h"

const struct route routes[] = {
    ROUTE("GET", "/healthz", system_http_healthz, PERM_PUBLIC),
    ROUTE("GET", "/readyz", system_http_readyz, PERM_PUBLIC),

    ROUTE("POST", "/api/v1/auth/login", auth_http_login, PERM_PUBLIC),
    ROUTE("POST", "/api/v1/auth/logout", auth_http_logout, PERM_SIGNED_IN),
    ROUTE("GET", "/api/v1/auth/me", auth_http_me, PERM_SIGNED_IN),

    ROUTE("GET", "/api/v1/places", place_http_list, PERM_PLACE_READ),
    ROUTE("GET", "/api/v1/places/{id}", place_http_get, PERM_PLACE_READ),

    ROUTE("GET", "/api/v1/users", users_http_list, PERM_USER_ADMIN),
    ROUTE("POST", "/api/v1/users", users_http_create, PERM_USER_ADMIN),
    ROUTE("GET", "/api/v1/users/{id}", users_http_get, PERM_USER_READ),
    ROUTE("PATCH", "/api/v1/users/{id}", users_http_patch, PERM_USER_ADMIN),

    /* Registry: places write, organizations, party, posts, coverage (issue 4). */
    ROUTE("POST", "/api/v1/places", place_http_create, PERM_PLACE_WRITE),
    ROUTE("PATCH", "/api/v1/places/{id}", place_http_patch, PERM_PLACE_WRITE),
    ROUTE("POST", "/api/v1/places/{id}/buildings", place_http_create_building, PERM_PLACE_WRITE),
    ROUTE("GET", "/api/v1/places/{id}/grid-history", place_http_grid_history, PERM_PLACE_READ),
    ROUTE("GET", "/api/v1/places/{id}/elevation", place_http_elevation, PERM_PLACE_READ),
    ROUTE("GET", "/api/v1/organizations", org_http_list, PERM_ORG_READ),
    ROUTE("POST", "/api/v1/organizations", org_http_create, PERM_ORG_WRITE),
    ROUTE("PATCH", "/api/v1/organizations/{id}", org_http_patch, PERM_ORG_WRITE),
    ROUTE("POST", "/api/v1/organizations/{id}/compounds", org_http_add_compound, PERM_ORG_WRITE),
    ROUTE("PATCH", "/api/v1/org-compounds/{id}", org_http_patch_compound, PERM_ORG_WRITE),
    ROUTE("GET", "/api/v1/party-orgs", party_http_tree, PERM_ORG_READ),
    ROUTE("POST", "/api/v1/party-orgs", party_http_create, PERM_ORG_WRITE),
    ROUTE("GET", "/api/v1/party-cards", party_card_http_list, PERM_ORG_READ),
    ROUTE("POST", "/api/v1/party-cards", party_card_http_create, PERM_ORG_WRITE),
    ROUTE("GET", "/api/v1/posts", post_http_list, PERM_ORG_READ),
    ROUTE("POST", "/api/v1/posts", post_http_create, PERM_ORG_WRITE),
    ROUTE("PATCH", "/api/v1/posts/{id}", post_http_patch, PERM_ORG_WRITE),
    ROUTE("GET", "/api/v1/reports/coverage", coverage_http_report, PERM_REPORT_READ),

    /* Registry: residents, occupancies, tags, consents, list matching (issue 4). */
    ROUTE("GET", "/api/v1/residents", resident_http_list, PERM_RESIDENT_READ),
    ROUTE("POST", "/api/v1/residents", resident_http_create, PERM_RESIDENT_WRITE),
    ROUTE("POST", "/api/v1/residents/match", match_http_residents, PERM_EXPORT),
    ROUTE("GET", "/api/v1/residents/{id}", resident_http_get, PERM_RESIDENT_READ),
    ROUTE("PATCH", "/api/v1/residents/{id}", resident_http_patch, PERM_RESIDENT_WRITE),
    ROUTE("POST", "/api/v1/residents/{id}/occupancies", resident_http_add_occupancy,
          PERM_RESIDENT_WRITE),
    ROUTE("PUT", "/api/v1/residents/{id}/tags", resident_http_set_tags, PERM_RESIDENT_WRITE),
    ROUTE("POST", "/api/v1/residents/{id}/consents", consent_http_create, PERM_RESIDENT_WRITE),
    ROUTE("POST", "/api/v1/occupancies/{id}/move-out", resident_http_move_out, PERM_RESIDENT_WRITE),
    ROUTE("POST", "/api/v1/consents/{id}/withdraw", consent_http_withdraw, PERM_RESIDENT_WRITE),
    ROUTE("GET", "/api/v1/tags", tag_http_list, PERM_RESIDENT_READ),
    ROUTE("POST", "/api/v1/tags", tag_http_create, PERM_ORG_WRITE),
    ROUTE("GET", "/api/v1/audit/sensitive-reads", audit_http_sensitive_reads, PERM_AUDIT_READ),

    /* Registry: CSV import, CSV and Excel export (issue 4, src/transfer). */
    ROUTE_BODY("POST", "/api/v1/imports/buildings", transfer_http_import_buildings, PERM_IMPORT,
               TRANSFER_IMPORT_MAX_BODY),
    ROUTE_BODY("POST", "/api/v1/imports/dwellings", transfer_http_import_dwellings, PERM_IMPORT,
               TRANSFER_IMPORT_MAX_BODY),
    ROUTE_BODY("POST", "/api/v1/imports/residents", transfer_http_import_residents, PERM_IMPORT,
               TRANSFER_IMPORT_MAX_BODY),
    ROUTE("GET", "/api/v1/exports/residents.csv", transfer_http_export_residents_csv, PERM_EXPORT),
    ROUTE("GET", "/api/v1/exports/residents.xlsx", transfer_http_export_residents_xlsx,
          PERM_EXPORT),
    ROUTE("GET", "/api/v1/exports/dwellings.csv", transfer_http_export_dwellings_csv, PERM_EXPORT),
    ROUTE("GET", "/api/v1/exports/dwellings.xlsx", transfer_http_export_dwellings_xlsx,
          PERM_EXPORT),

    ROUTE("GET", "/api/v1/audit", audit_http_list, PERM_AUDIT_READ),

    ROUTE("POST", "/api/v1/test/clock", system_http_test_clock, PERM_TEST_CLOCK),
};

const size_t routes_count = sizeof routes / sizeof routes[0];
