#!/usr/bin/env bash
# Module boundaries (DESIGN.md section 10, habit 9; issue 14 item 2): a
# module's file includes the module API (include/salient/) and its own
# folder's headers only; the core (fcgi/) includes no module's header; the
# public headers include nothing private; and the build gives a module's
# file no -I to fcgi/ or another module, so a new include that crosses a
# boundary fails to compile as well as here.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
n=0
fails=0
ok() { # ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fails=$((fails + 1))
	fi
}

# the quoted includes of a file, one per line
includes() { sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1"; }

checked=0
for f in modules/*/*.c modules/*/*.h; do
	dir=$(dirname "$f")
	bad=""
	while IFS= read -r h; do
		[ -n "$h" ] || continue
		case $h in
		salient/*) [ -f "include/$h" ] && continue ;;
		*/*) ;;
		*) [ -f "$dir/$h" ] && continue ;;
		esac
		bad="$bad $h"
	done < <(includes "$f")
	checked=$((checked + 1))
	if [ -n "$bad" ]; then
		ok 1 "$f includes only salient/ and its own folder (not:$bad)"
	fi
done
ok $((checked > 50 ? 0 : 1)) "every module file includes only salient/ and its own folder ($checked files)"

bad=""
for f in fcgi/*.c fcgi/*.h; do
	while IFS= read -r h; do
		case $h in
		salient/*) [ -f "include/$h" ] && continue ;;
		*/*) ;;
		*) [ -f "fcgi/$h" ] && continue ;;
		esac
		bad="$bad $f:$h"
	done < <(includes "$f")
done
ok $([ -z "$bad" ]; echo $?) "the core includes no module's header${bad:+ (not:$bad)}"

bad=""
for f in include/salient/*.h; do
	while IFS= read -r h; do
		case $h in
		salient/*) [ -f "include/$h" ] && continue ;;
		esac
		bad="$bad $f:$h"
	done < <(includes "$f")
	if grep -q '^#include <mysql.h>' "$f"; then
		bad="$bad $f:mysql.h"
	fi
done
ok $([ -z "$bad" ]; echo $?) "the public headers include only each other and system headers${bad:+ (not:$bad)}"

# what the build gives a module's file and a core file
for obj in modules/trade/pages modules/report/report_web modules/access/login; do
	line=$(make -s -n -B "build/obj/$obj.o" 2>/dev/null | grep -- " -c $obj.c")
	dirs=$(printf '%s\n' "$line" | grep -o -- '-I[^ ]*' | grep -v -- '-I/' | tr '\n' ' ')
	ok $([ "$dirs" = "-Iinclude -I$(dirname "$obj")/ " ]; echo $?) \
	    "the build gives $obj.c -Iinclude and its own folder only (got: $dirs)"
done

# a crossing include does not compile: the compile line of a module's
# file (shell.c's) fed a file that includes the core's request types or
# another module's private header
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmd=$(make -s -n -B build/obj/modules/shell/shell.o 2>/dev/null | grep -- ' -c modules/shell/shell.c' |
    sed 's| -c modules/shell/shell.c -o [^ ]*| -fsyntax-only -x c -|')
for h in reqtypes.h tr_int.h; do
	if [ -n "$cmd" ] && ! printf '#include "%s"\n' "$h" | eval "$cmd" > "$tmp/out" 2>&1 &&
	    grep -q "$h: No such file" "$tmp/out"; then
		ok 0 "a module file that includes $h does not compile"
	else
		ok 1 "a module file that includes $h does not compile"
	fi
done

echo "1..$n"
exit $((fails > 0))
