/*
 * log.h - one line per event to stderr (systemd's journal or the stack's
 * log file).  Lines are written with one write(2), so threads never
 * interleave.  Values that came from users go through hp_log_safe() (parse.h) first.
 */
#ifndef SALIENT_LOG_H
#define SALIENT_LOG_H

#include <stddef.h>

enum log_level { LOG_ERR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Sets the threshold ("error", "warn", "info", "debug") and the program tag. */
void log_setup(const char *level, const char *tag);
void log_msg(enum log_level lv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_err(...) log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
