/* Logging to standard error, one line per event. Never pass a password,
 * token, ID number or phone number to these functions. */
#ifndef HONGWU_BASE_LOG_H
#define HONGWU_BASE_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
