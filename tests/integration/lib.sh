# tests/integration/lib.sh - TAP helpers and HTTP calls for the integration
# tests.  Each *.t sources it; scripts/test has started the stack and set
# SALIENT_URL, SALIENT_VAR, SALIENT_CONF and SALIENT_BUILD.
set -u
# `salient` speaks the locale's language (LC_ALL, LC_MESSAGES, LANG:
# include/salient/cli.h): English unless a test asks for another; a
# caller's LC_ALL would decide over LC_MESSAGES, so it becomes LANG
if [ -n "${LC_ALL:-}" ]; then export LANG=$LC_ALL; unset LC_ALL; fi
export LC_MESSAGES=C

T_N=0
T_FAILED=0
: "${SALIENT_URL:?run through make test (scripts/test)}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUN=$SALIENT_VAR/run
API_KEY=$(awk -F' *= *' '/^\[/{s=$0} s=="[security]" && $1=="api_key"{print $2}' "$SALIENT_CONF")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"; echo "1..$T_N"; [ $T_FAILED -eq 0 ]' EXIT

ok() {  # ok CONDITION_STATUS NAME
	T_N=$((T_N + 1))
	if [ "$1" -eq 0 ]; then echo "ok $T_N - $2"
	else echo "not ok $T_N - $2"; T_FAILED=$((T_FAILED + 1)); fi
}

is() {  # is GOT WANT NAME; returns 1 when they differ (for diagnostics)
	T_N=$((T_N + 1))
	if [ "$1" = "$2" ]; then echo "ok $T_N - $3"
	else
		echo "not ok $T_N - $3"
		echo "#      got: '$1'"
		echo "# expected: '$2'"
		T_FAILED=$((T_FAILED + 1))
		return 1
	fi
}

like() {  # like GOT REGEX NAME
	T_N=$((T_N + 1))
	if printf '%s' "$1" | grep -Eq -- "$2"; then echo "ok $T_N - $3"
	else
		echo "not ok $T_N - $3"
		echo "#      got: '$(printf '%s' "$1" | head -c 600)'"
		echo "# expected to match: $2"
		T_FAILED=$((T_FAILED + 1))
	fi
}

# http METHOD PATH [curl args...]: sets STATUS, BODY (file $TMP/body), HEADERS
http() {
	local m=$1 p=$2 how=(-X "$1")
	shift 2
	[ "$m" = HEAD ] && how=(--head)
	rm -f "$TMP/body" "$TMP/headers"
	: > "$TMP/body"
	: > "$TMP/headers"
	STATUS=$(curl -sS -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "${how[@]}" \
		"$SALIENT_URL$p" "$@" 2>"$TMP/curl.err") || STATUS=000
	BODY=$(tr -d '\000' < "$TMP/body")   # a binary body (a spreadsheet) without its NULs
	HEADERS=$(tr -d '\r' < "$TMP/headers")
}

# json FILTER: reads BODY with a tiny jq-like path (a.b.c) using the
# project's own binary would be circular; python3 or perl is on Debian.
json() {
	printf '%s' "$BODY" | perl -MJSON::PP -e '
		my $d = eval { JSON::PP->new->decode(join("", <STDIN>)) };
		if (!defined $d) { print "INVALID-JSON"; exit }
		for my $k (split /\./, $ARGV[0]) {
			if (ref $d eq "HASH") { $d = $d->{$k} }
			elsif (ref $d eq "ARRAY") { $d = $d->[$k] }
			else { $d = undef }
		}
		if (!defined $d) { print "null" }
		elsif (ref $d) { print JSON::PP->new->canonical->encode($d) }
		elsif (JSON::PP::is_bool($d)) { print $d ? "true" : "false" }
		else { print $d }' "$1"
}

header() {  # header NAME: value of a response header (case-insensitive)
	printf '%s\n' "$HEADERS" | awk -v n="$(printf '%s' "$1" | tr 'A-Z' 'a-z')" -F': ' \
		'tolower($1) == n { sub(/^[^:]*: /, ""); print; exit }'
}

master_pid() { cat "$RUN/salient-fcgi.pid"; }
worker_pids() { pgrep -P "$(master_pid)" | sort; }

# waits up to $2 seconds for command $1
wait_for() {
	local i=0
	while ! eval "$1" >/dev/null 2>&1; do
		i=$((i + 1))
		[ "$i" -ge $(($2 * 10)) ] && return 1
		sleep 0.1
	done
}

# wipe_store: no customers, orders or classifications (a test's own fixture next)
wipe_store() {
	sql "DELETE FROM classification_history; DELETE FROM customer_classifications;
	     DELETE FROM classifications; DELETE FROM classify_runs; DELETE FROM customer_metrics;
	     DELETE FROM order_lines; DELETE FROM orders; DELETE FROM customer_tags;
	     DELETE FROM consents; DELETE FROM targets; DELETE FROM customers"
}

# job_done ID SECONDS: waits up to SECONDS for job ID to be done (status 1 if not)
job_done() {
	wait_for "[ \"\$(sql \"SELECT state FROM jobs WHERE id = $1\")\" = done ]" "$2"
}

sql() {  # runs SQL as the stack's admin user on its socket
	mariadb --no-defaults --socket="$RUN/mysqld.sock" -u "$(id -un)" -N -B salient -e "$1"
}

# ---- access (issue 4): staff sessions, API tokens, trade links ----
S_CLI=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

# staff_user EMAIL ROLE PASSWORD: creates the user unless it exists
staff_user() {
	printf '%s\n' "$3" | "${S_CLI[@]}" user add --email "$1" --role "$2" --password-stdin \
		> /dev/null 2>&1 || true
}

# login_token JAR: GET /login with cookie jar JAR (which then holds the
# sign-in form's cookie, salient_login); sets LOGIN_TOKEN to the form's token
login_token() {
	LOGIN_TOKEN=$(BODY=$(curl -sS -c "$1" -b "$1" -H 'Accept: application/json' \
		"$SALIENT_URL/login") json login_token)
}

# staff_login EMAIL PASSWORD JAR: signs in (cookie jar JAR) through the form's
# cookie and token; sets CSRF to the session's token ("" when the sign-in failed)
staff_login() {
	rm -f "$3"
	login_token "$3"
	curl -sS -c "$3" -b "$3" -H 'Accept: application/json' --data-urlencode "email=$1" \
		--data-urlencode "password=$2" --data-urlencode "login_token=$LOGIN_TOKEN" \
		"$SALIENT_URL/login" > "$TMP/login.json"
	CSRF=$(BODY=$(cat "$TMP/login.json") json user.csrf_token)
	[ "$CSRF" = null ] && CSRF=""
}

# api_token NAME SCOPE: prints a new API token (scope import, read or admin)
api_token() { "${S_CLI[@]}" token create --name "$1" --scope "$2"; }

# trade_link CUSTOMER_ID [TTL]: a signed /account/ path below the prefix
trade_link() {
	"${S_CLI[@]}" token customer "$1" --ttl "${2:-600}" | sed -e 's#^.*/salient##'
}
