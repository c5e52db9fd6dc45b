/* The demo's notifications: an announcement of 新都街道 already in the demo
 * accounts' inboxes, and a webhook whose deliveries fail (nobody listens
 * on port 9), so its delivery log shows failures and retries. */
#ifndef HONGWU_DEMO_DEMO_NOTIFY_H
#define HONGWU_DEMO_DEMO_NOTIFY_H

#include "store/db.h"

/* Inside the demo's transaction, after its accounts exist. */
int demo_notify(struct db *db);

#endif
