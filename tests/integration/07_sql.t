#!/usr/bin/env bash
# Every module's statement table (salient/db.h struct sl_sql) against the
# migrated schema: each statement prepares, its parameter count equals its
# types, and each table it writes is one its module owns (one owner per
# table); strict: every module with routes keeps its SQL in a table and
# every table of the schema has its owner.  The command's own output is
# the TAP.
: "${SALIENT_CONF:?run through make test (scripts/test)}"
exec "$SALIENT_BUILD/salient" -c "$SALIENT_CONF" sql check --strict
