/* Import and export: the registry's CSV files in and CSV / Excel files out. */
#include "transfer/transfer_capability.h"

#include "transfer/transfer_demo.h"
#include "transfer/transfer_http.h"
#include "transfer/transfer.h"

extern const struct migration transfer_migrations[];

static const struct field_message messages[] = {
    {"community_id", "请选择您管辖范围内的社区", "a community within your scope"},
};

#define LONG(...) CAPABILITY_ROUTE_LONG(messages, __VA_ARGS__)
static const struct route routes[] = {
    LONG("POST", "/api/v1/imports/buildings", transfer_http_import_buildings, PERM_IMPORT,
         TRANSFER_IMPORT_MAX_BODY),
    LONG("POST", "/api/v1/imports/dwellings", transfer_http_import_dwellings, PERM_IMPORT,
         TRANSFER_IMPORT_MAX_BODY),
    LONG("POST", "/api/v1/imports/residents", transfer_http_import_residents, PERM_IMPORT,
         TRANSFER_IMPORT_MAX_BODY),
    LONG("GET", "/api/v1/exports/residents.csv", transfer_http_export_residents_csv, PERM_EXPORT,
         0),
    LONG("GET", "/api/v1/exports/residents.xlsx", transfer_http_export_residents_xlsx, PERM_EXPORT,
         0),
    LONG("GET", "/api/v1/exports/dwellings.csv", transfer_http_export_dwellings_csv, PERM_EXPORT,
         0),
    LONG("GET", "/api/v1/exports/dwellings.xlsx", transfer_http_export_dwellings_xlsx, PERM_EXPORT,
         0),
};

const struct capability transfer_capability = {
    .name = "transfer",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .migrations = transfer_migrations,
    .demo = transfer_demo,
};
