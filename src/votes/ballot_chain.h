/* The chain of a sub-district's ballots (kit/chain.h): each ballot carries
 * the hash of the one cast before it, so a ballot edited, removed or slipped
 * in by hand shows when the chain is verified. */
#ifndef HONGWU_VOTES_BALLOT_CHAIN_H
#define HONGWU_VOTES_BALLOT_CHAIN_H

#include "kit/chain.h"

extern const struct chain_def vote_ballot_chain;

#endif
