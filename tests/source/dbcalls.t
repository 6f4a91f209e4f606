#!/usr/bin/env bash
# Modules reach the database only through include/salient/db.h: no file
# under modules/ calls mysql_* or includes mysql.h or the core's db_conn.h
# (issue 14 item 2).  One test per file under modules/.
cd "$(dirname "$0")/../.." || exit 1
mapfile -t files < <(find modules -type f \( -name '*.c' -o -name '*.h' \) | sort)
echo "1..${#files[@]}"
n=0
for f in "${files[@]}"; do
	n=$((n + 1))
	hits=$(grep -nE '\bmysql_[a-z_]+[[:space:]]*\(|#[[:space:]]*include[[:space:]]*[<"](mysql|db_conn)\.h[>"]|\bMYSQL(_[A-Z]+)?\b' "$f")
	if [ -z "$hits" ]; then
		echo "ok $n - $f: database through db.h only"
	else
		echo "not ok $n - $f: raw MariaDB calls or includes"
		printf '#   %s\n' "${hits//$'\n'/$'\n'#   }"
	fi
done
