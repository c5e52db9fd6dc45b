/* The ledger's hash chain: every entry of a sub-district, in id order
 * (kit/chain.h). */
#ifndef HONGWU_LEDGER_LEDGER_CHAIN_H
#define HONGWU_LEDGER_LEDGER_CHAIN_H

#include "kit/chain.h"

extern const struct chain_def ledger_chain;

#endif
