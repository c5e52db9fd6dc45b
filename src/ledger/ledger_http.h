/* The public-revenue ledger's HTTP handlers (docs/api-ledger.md). */
#ifndef HONGWU_LEDGER_LEDGER_HTTP_H
#define HONGWU_LEDGER_LEDGER_HTTP_H

#include "http/request.h"

/* ledger_entry_http.c */
int ledger_http_compounds(struct request *req);
int ledger_http_entries(struct request *req);
int ledger_http_create_entry(struct request *req);
int ledger_http_entry(struct request *req);
int ledger_http_reverse(struct request *req);

/* ledger_statement_http.c */
int ledger_http_statement(struct request *req);
int ledger_http_statement_xlsx(struct request *req);

/* ledger_settings_http.c */
int ledger_http_settings(struct request *req);
int ledger_http_put_settings(struct request *req);

#endif
