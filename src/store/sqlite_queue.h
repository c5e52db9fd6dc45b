/* The writers' queue of one SQLite database file in this process, and the
 * groups of write transactions committed together (sqlite.c; private to
 * the store).
 *
 * A writer waits its turn here, first come first served, rather than in
 * SQLite's busy handler: that handler sleeps (1, 2, 5, 10 ... up to 100 ms
 * at a time) and wakes at random, so under load a write could wait for
 * hundreds of milliseconds while the database was free, and the order of
 * the waiters was luck. The turn is handed from one holder to the next
 * waiter, never taken out of turn.
 *
 * A group: a holder whose write transaction is done on the shared writer
 * may leave that transaction open and hand it, with the turn, to the next
 * waiter if that waiter writes on the shared writer too; the last member
 * commits for all. Every member waits for that commit and gets its outcome:
 * nothing of a group is answered before it is durable. */
#ifndef HONGWU_STORE_SQLITE_QUEUE_H
#define HONGWU_STORE_SQLITE_QUEUE_H

#include <stdbool.h>

enum {
    /* Members of one group at most: the first waits for the others' work. */
    WRITE_GROUP_MAX = 16,
};

struct write_queue;

/* The queue of the database file at path, shared by every connection to it
 * (counted); NULL for an in-memory or temporary database (private to its
 * connection) or without memory. */
struct write_queue *write_queue_get(const char *path);
/* Drops one connection's use. When the last goes, returns the shared writer
 * (write_queue_writer) for the caller to close, else NULL. */
void *write_queue_put(struct write_queue *q);

/* Waits for the turn, at most timeout_ms: HW_OK or HW_EBUSY. joins: the
 * caller will write on the shared writer, so may join an open group. */
int write_queue_acquire(struct write_queue *q, bool joins, int timeout_ms);
/* Ends the turn: to the next waiter, or the queue is free. */
void write_queue_release(struct write_queue *q);
/* Whether a writer is waiting for the turn (the holder may end its turn
 * early for it). */
bool write_queue_waited_for(struct write_queue *q);

/* The shared writer's slot (the holder's to use); *failed once it could
 * not be opened. */
void **write_queue_writer(struct write_queue *q, bool **failed);

/* The holder's view of the group whose transaction is open on the shared
 * writer: how many members joined it (0: none is open). */
int write_queue_group_members(struct write_queue *q);
/* The holder joins the open group (its work is a savepoint in it). */
void write_queue_group_join(struct write_queue *q);

/* The holder, its work settled in the open transaction (mine: its work is
 * in it, else it added nothing), offers the transaction to the next waiter.
 * Returns false if that waiter does not write on the shared writer, or the
 * group is full, or without memory: the holder keeps the turn and must
 * commit (write_queue_group_end). Returns true once handed over; if mine,
 * after the group's commit, with its outcome in *result. */
bool write_queue_group_pass(struct write_queue *q, bool mine, int *result);
/* The holder has committed (result HW_OK) or lost the open transaction:
 * every member waiting gets result. The holder keeps the turn. */
void write_queue_group_end(struct write_queue *q, int result);

#endif
