/* Places a test can make the server die at, as a power cut would, to check
 * that a write and its records survive together or not at all. Only a
 * server started with the test clock (never in production) honours them:
 * HONGWU_TEST_CRASH_AT=NAME makes the process exit at once at crash_point(NAME). */
#ifndef HONGWU_BASE_CRASH_POINT_H
#define HONGWU_BASE_CRASH_POINT_H

void crash_point(const char *name);

#endif
