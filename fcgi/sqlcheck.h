/*
 * sqlcheck.h - `salient sql check` (fcgi/sqlcheck.c).
 */
#ifndef SALIENT_SQLCHECK_H
#define SALIENT_SQLCHECK_H

int cmd_sql(int argc, char **argv);

#endif
