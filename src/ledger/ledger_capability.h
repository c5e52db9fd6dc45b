/* The public-revenue ledger (公共收益): each compound's income and spending,
 * every spending citing its authorisation, hash-chained, with statements
 * for the owners (docs/api-ledger.md). */
#ifndef HONGWU_LEDGER_LEDGER_CAPABILITY_H
#define HONGWU_LEDGER_LEDGER_CAPABILITY_H

#include "kit/capability.h"
#include "kit/demo_env.h"

extern const struct capability ledger_capability;

/* A year of 紫薇花园's ledger (ledger_demo.c). */
int ledger_demo(struct db *db, const struct demo_env *env);

#endif
