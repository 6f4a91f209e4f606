#!/usr/bin/env bash
# The route-table security walk (issue 22 items 1 and 3): every route that
# `salient routes` lists, so a new module's routes are walked the day they
# are added, is tried as an outsider would:
#   - nobody signed in: 401 (the API, and a page asked for as JSON) or the
#     sign-in redirect (a page);
#   - a sales agent on an admin route, a read-scope token on a write route and
#     a trade customer's session on a staff route: 403, nothing changed;
#   - a trade customer on an /account/ route reaches only its own records:
#     every id of its path and inputs made another customer's is refused, and
#     nothing of the other customer is in the answer;
#   - a state-changing request with a session but without the CSRF token,
#     with a wrong one, with another session's, or from a foreign Origin: 403
#     and nothing changed (every table but the sessions compared);
#   - a method the table does not have for a path: 405 with an Allow header
#     naming exactly the ones it has;
#   - every page and answer a signed-in user gets: the security headers and
#     no-store; the error pages name no file, version, SQL or setting.
# A route that none of the access cases covered (a role the walk does not
# know) fails, by name.
. "$(dirname "$0")/lib.sh"
sql "DELETE FROM login_failures"
N=$$
staff_user walk-admin@test.example admin walk-admin-pass-1
staff_user walk-agent@test.example agent walk-agent-pass-1
"${S_CLI[@]}" user enable --email walk-agent@test.example
staff_login walk-agent@test.example walk-agent-pass-1 "$TMP/agent.jar"; AGENT_CSRF=$CSRF
staff_login walk-admin@test.example walk-admin-pass-1 "$TMP/admin.jar"; ADMIN_CSRF=$CSRF
READ=$(api_token "walk-read-$N" read)
sql "INSERT INTO customers (host_id, first_name, last_name, email, smart_type) VALUES
	('WALK-1', 'Wilma', 'Walker', 'wilma-walk@shop.example', 'trade'),
	('WALK-2', 'Oskar', 'Otherwalk', 'oskar-otherwalk@shop.example', 'distributor')
	ON DUPLICATE KEY UPDATE smart_type = VALUES(smart_type)"
OTHER=$(sql "SELECT id FROM customers WHERE host_id = 'WALK-2'")
http GET "$(trade_link WALK-1)" -c "$TMP/cust.jar"
is "$STATUS" 302 "the trade customer signs in by its link"
cust_sid=$(awk '$6 == "salient_session" { print $7 }' "$TMP/cust.jar")
CUST_CSRF=$(sql "SELECT csrf_token FROM sessions WHERE id_hash = UNHEX(SHA2('$cust_sid', 256))")

"${S_CLI[@]}" routes > "$TMP/routes"
ok $([ -s "$TMP/routes" ]; echo $?) "salient routes lists the route table"
is "$(awk -F'\t' 'NF != 6' "$TMP/routes")" "" "each line has method, pattern, role, module, template, inputs"
is "$(awk -F'\t' '$2 ~ /^\/admin/ && ($3 == "public" || $3 == "customer")' "$TMP/routes")" "" \
	"no /admin route is public or for customers"
is "$(awk -F'\t' '$2 ~ /^\/api\// && $3 == "public"' "$TMP/routes")" "" "no API route is public"
is "$(awk -F'\t' '$3 == "customer" && $2 !~ /^\/account\//' "$TMP/routes")" "" "customer routes are below /account/"

declare -A COV
cover() { COV["$1 $2"]="${COV["$1 $2"]:-}$3 "; }
is_write() { case "$1" in POST|PUT|DELETE) return 0 ;; esac; return 1; }
is_staff() { case "$1" in agent|admin|import) return 0 ;; esac; return 1; }
# path_of PATTERN [UINT] [TEXT]: a concrete path ({kind} is an import kind)
path_of() {
	printf '%s' "$1" | sed -e 's/{kind}/customers/g' -e "s/{[a-z_]*:uint}/${2:-1}/g" -e "s/{[a-z_]*}/${3:-x}/g"
}
# the database, a checksum per table, but for what a refused request may
# touch: the sessions' and tokens' last use, the jobs' progress (the
# worker's) and the dashboard's counts (data_stats, sales_days: a cache a
# page view refreshes); of those, how many there are
STATE_TABLES=$(sql "SHOW TABLES" | grep -vx 'sessions\|login_failures\|jobs\|api_tokens\|data_stats\|sales_days' | paste -sd, -)
state() {
	sql "CHECKSUM TABLE $STATE_TABLES; SELECT COUNT(*), SUM(revoked_at IS NULL), (SELECT COUNT(*) FROM jobs),
		(SELECT COUNT(*) FROM users WHERE id IN (SELECT user_id FROM sessions)) FROM api_tokens" |
		tr '\t\n' '= '
}
# the worker finishes what earlier tests queued before anything is compared
wait_for "[ \"\$(sql \"SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')\")\" = 0 ]" 60
ERRORS=$TMP/errors
: > "$ERRORS"
keep_error() { [ "${STATUS:0:1}" = 4 ] && printf '%s %s %s\n' "$STATUS" "$1" "$BODY" | tr -d '\n' >> "$ERRORS" && echo >> "$ERRORS"; return 0; }
FORM=(--data-urlencode name=walk-probe --data-urlencode scope=read --data-urlencode role=admin)

# ---- nobody: 401, or for a page the sign-in redirect ----
while IFS=$'\t' read -r m pat role _ tpl _; do
	[ "$m" = HEAD ] && continue
	is_staff "$role" || [ "$role" = customer ] || continue
	p=$(path_of "$pat")
	http "$m" "$p" -H 'Accept: application/json'
	is "$STATUS" 401 "nobody: $m $pat is 401" && cover "$m" "$pat" nobody
	keep_error "$p"
	if [ "$m" = GET ] && [ "$tpl" != - ] && [ "$role" != customer ]; then
		http GET "$p"
		is "$STATUS $(header Location)" "302 /salient/login?next=$p" "  the page redirects to the sign-in"
	fi
done < "$TMP/routes"

# ---- public routes answer without a session (neither 401 nor 403) ----
login_token "$TMP/login.jar"
while IFS=$'\t' read -r m pat role _; do
	[ "$role" = public ] || continue
	lt=()
	[ "$m $pat" = "POST /login" ] && lt=(-b "$TMP/login.jar" --data-urlencode "login_token=$LOGIN_TOKEN")
	http "$m" "$(path_of "$pat")" -H 'Accept: application/json' "${lt[@]}"
	ok $([ "$STATUS" != 401 ] && [ "$STATUS" != 403 ] && [ "${STATUS:0:1}" != 5 ]; echo $?) \
		"public: $m $pat answers without a session ($STATUS)" && cover "$m" "$pat" public
done < "$TMP/routes"

# ---- a sales agent on every admin route (with its CSRF token): 403 ----
before=$(state)
while IFS=$'\t' read -r m pat role _; do
	[ "$role" = admin ] || continue
	http "$m" "$(path_of "$pat")" -b "$TMP/agent.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $AGENT_CSRF" "${FORM[@]}"
	is "$STATUS" 403 "a sales agent: $m $pat is 403" && cover "$m" "$pat" agent-on-admin
	keep_error "$pat"
done < "$TMP/routes"
like "$(json error.message)" 'sales agent.*needs an admin' "the refusal says which role is needed"
is "$(state)" "$before" "  nothing changed"
is "$(sql "SELECT role FROM users WHERE email = 'walk-agent@test.example'")" agent "the agent did not make itself admin"
# agent routes are open to the agent
while IFS=$'\t' read -r m pat role _; do
	[ "$role" = agent ] && [ "$m" = GET ] || continue
	case "$pat" in *'{'*) continue ;; esac
	http GET "$pat" -b "$TMP/agent.jar" -H 'Accept: application/json'
	ok $([ "$STATUS" != 401 ] && [ "$STATUS" != 403 ]; echo $?) "a sales agent may GET $pat ($STATUS)" && cover GET "$pat" agent
done < "$TMP/routes"

# ---- a read-scope token on every write route: 403 ----
before=$(state)
while IFS=$'\t' read -r m pat role _; do
	is_write "$m" && is_staff "$role" || continue
	http "$m" "$(path_of "$pat")" -H "Authorization: Bearer $READ" -H 'Content-Type: application/json' -d '{}'
	is "$STATUS" 403 "read scope: $m $pat is 403" && cover "$m" "$pat" read-token
done < "$TMP/routes"
like "$(json error.message)" 'scope \(read\)' "the refusal names the token's scope"
is "$(state)" "$before" "  nothing changed"

# ---- a trade customer's session on every staff route: 403, nothing of the other customer ----
before=$(state)
while IFS=$'\t' read -r m pat role _; do
	is_staff "$role" || continue
	[ "$m" = HEAD ] && continue
	http "$m" "$(path_of "$pat" "$OTHER" WALK-2)" -b "$TMP/cust.jar" -H 'Accept: application/json' \
		-H "X-CSRF-Token: $CUST_CSRF" --data-urlencode customer_id=WALK-2
	is "$STATUS" 403 "a trade customer: $m $pat is 403" && cover "$m" "$pat" customer-on-staff
	ok $(printf '%s' "$BODY" | grep -qi 'WALK-2\|Oskar\|otherwalk'; echo $((! $?))) "  nothing of another customer"
done < "$TMP/routes"
is "$(state)" "$before" "  nothing changed"

# ---- /account/ routes: only the customer's own records ----
# each declared input that names a customer or an id, and the ones a
# customer would guess, set to the other customer's host id or row id;
# a path's ids too
other_leaks() { printf '%s' "$BODY" | grep -qi 'WALK-2\|Oskar\|otherwalk'; }
while IFS=$'\t' read -r m pat role _ _ ins; do
	[ "$role" = customer ] || continue
	[ "$m" = HEAD ] && continue
	http "$m" "$(path_of "$pat")" -b "$TMP/cust.jar" -H 'Accept: application/json'
	is "$STATUS:$(json customer.customer_id)" 200:WALK-1 "a trade customer: $m $pat is its own"
	probes=(customer_id=WALK-2 customer=WALK-2 host_id=WALK-2 id="$OTHER" customer_id="$OTHER")
	for in in ${ins//,/ }; do
		case "$in" in
		*id:uint|*id:ids|customer*:uint) probes+=("${in%%:*}=$OTHER") ;;
		*id:text|customer*:text) probes+=("${in%%:*}=WALK-2") ;;
		esac
	done
	bad=0
	for q in "${probes[@]}"; do
		http "$m" "$(path_of "$pat" "$OTHER" WALK-2)?$q" -b "$TMP/cust.jar" -H 'Accept: application/json'
		case "$STATUS" in 400|404) ;; *) bad=1; echo "# $m $pat?$q: $STATUS" ;; esac
		other_leaks && { bad=1; echo "# $m $pat?$q shows the other customer"; }
		http "$m" "$(path_of "$pat" "$OTHER" WALK-2)?$q" -b "$TMP/cust.jar"
		other_leaks && { bad=1; echo "# $m $pat?$q (page) shows the other customer"; }
	done
	ok $bad "  every id made another customer's (${#probes[@]} ways) is refused, showing nothing of it" &&
		cover "$m" "$pat" customer-own
	case "$pat" in
	*'{'*)
		http "$m" "$(path_of "$pat" "$OTHER" WALK-2)" -b "$TMP/cust.jar" -H 'Accept: application/json'
		is "$STATUS" 404 "  its path with the other customer's ids is 404"
		ok $(other_leaks; echo $((! $?))) "  showing nothing of it" ;;
	esac
done < "$TMP/routes"

# ---- CSRF and Origin: every state-changing request that carries a session ----
OWN=$(printf '%s' "$SALIENT_URL" | sed -E 's#^(https?://[^/]+).*#\1#')
while IFS=$'\t' read -r m pat role _; do
	is_write "$m" || continue
	case "$role" in customer) jar=$TMP/cust.jar; tok=$CUST_CSRF ;; *) jar=$TMP/admin.jar; tok=$ADMIN_CSRF ;; esac
	[ "$pat" = /login ] && continue   # no session yet: its own token, 10_access_login.t and 14_access_origin.t
	p=$(path_of "$pat")
	before=$(state)
	# a route that takes no form (the import API: JSON, CSV, NDJSON) refuses
	# one with 415 before anything; it is probed with a JSON body instead,
	# the other session's token in the header
	body=("${FORM[@]}"); other=(--data-urlencode "csrf_token=$AGENT_CSRF")
	http "$m" "$p" -b "$jar" -H 'Accept: application/json' "${FORM[@]}"
	if [ "$STATUS" = 415 ]; then
		body=(-H 'Content-Type: application/json' --data-binary '[]'); other=(-H "X-CSRF-Token: $AGENT_CSRF")
		http "$m" "$p" -b "$jar" -H 'Accept: application/json' "${body[@]}"
	fi
	is "$STATUS" 403 "$m $pat without a CSRF token is 403"
	like "$(json error.message)" 'CSRF' "  and says why"
	http "$m" "$p" -b "$jar" "${body[@]}"
	is "$STATUS" 403 "  as a page's request too"
	keep_error "$p"
	http "$m" "$p" -b "$jar" -H 'Accept: application/json' -H 'X-CSRF-Token: wrong-token-wrong-token-wrong-token-wrong-t' "${body[@]}"
	is "$STATUS" 403 "  with a wrong CSRF header is 403"
	http "$m" "$p" -b "$jar" -H 'Accept: application/json' "${other[@]}" "${body[@]}"
	is "$STATUS" 403 "  with another session's token is 403"
	http "$m" "$p" -b "$jar" -H 'Accept: application/json' -H "X-CSRF-Token: $tok" -H 'Origin: https://evil.example' "${body[@]}"
	is "$STATUS:$(json error.reason)" 403:foreign_origin "  from a foreign Origin, with the right token, is 403"
	is "$(state)" "$before" "  nothing changed" && cover "$m" "$pat" csrf
done < "$TMP/routes"
is "$(sql "SELECT COUNT(*) FROM api_tokens WHERE name = 'walk-probe'")" 0 "no token was created by the refused requests"
# the same request with the token passes the check
http POST /admin/tokens -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" \
	-H "Origin: $OWN" --data-urlencode name=csrf-ok --data-urlencode scope=read
is "$STATUS" 201 "with the X-CSRF-Token header the admin creates a token"
http POST /admin/tokens -b "$TMP/admin.jar" -H 'Accept: application/json' --data-urlencode "csrf_token=$ADMIN_CSRF" --data-urlencode name=csrf-ok2 --data-urlencode scope=read
is "$STATUS" 201 "with the csrf_token field too"

# ---- a wrong method: 405 with Allow naming exactly the table's methods ----
# the methods of a concrete path: those of every pattern that matches it
methods_of() {
	awk -F'\t' -v p="$1" '{
		re = $2; gsub(/\./, "\\.", re); gsub(/\{[a-z_]*:uint\}/, "[1-9][0-9]*", re); gsub(/\{[a-z_]*\}/, "[^/]+", re)
		if (p ~ ("^" re "$")) { print $1; if ($1 == "GET") print "HEAD" }
	}' "$TMP/routes" | sort -u | paste -sd' ' -
}
cut -f2 "$TMP/routes" | sort -u > "$TMP/patterns"
while read -r pat; do
	p=$(path_of "$pat")
	have=$(methods_of "$p")
	# the first method the path does not have, and PATCH (which none has)
	wrong=$(for w in GET POST PUT DELETE; do case " $have " in *" $w "*) ;; *) echo "$w" ;; esac; done | head -n 1)
	for w in $wrong PATCH; do
		http "$w" "$p" -H 'Accept: application/json'
		allow=$(header Allow | tr -d ' ' | tr ',' '\n' | sort -u | paste -sd' ' -)
		is "$STATUS:$allow" "405:$have" "$w $pat is 405, Allow: $have" || true
		keep_error "$p"
	done
done < "$TMP/patterns"

# ---- headers: every page and authenticated answer a GET gets ----
while IFS=$'\t' read -r m pat role _ tpl _; do
	[ "$m" = GET ] || continue
	case "$role" in
	public) auth=() ;;
	customer) auth=(-b "$TMP/cust.jar") ;;
	*) auth=(-b "$TMP/admin.jar") ;;
	esac
	p=$(path_of "$pat")
	[ "$tpl" != - ] && accept=() || accept=(-H 'Accept: application/json')
	http GET "$p" "${auth[@]}" "${accept[@]}"
	bad=""
	if [ "$tpl" != - ] && [ "$(header Content-Type | cut -d';' -f1)" = text/html ]; then
		csp=$(header Content-Security-Policy)
		case "$csp" in *unsafe-inline*|'') bad+=" CSP($csp)" ;; esac
		case "$csp" in *"frame-ancestors 'none'"*) ;; *) bad+=" frame-ancestors" ;; esac
		[ "$(header X-Frame-Options)" = DENY ] || bad+=" X-Frame-Options"
		[ -n "$(header Referrer-Policy)" ] || bad+=" Referrer-Policy"
	fi
	[ "$(header X-Content-Type-Options)" = nosniff ] || bad+=" nosniff"
	if [ "$role" != public ]; then
		case "$(header Cache-Control)" in *no-store*) ;; *) bad+=" no-store" ;; esac
	fi
	[ "${STATUS:0:1}" = 5 ] && bad+=" status $STATUS"
	is "$bad" "" "GET $pat ($role, $STATUS): the security headers"
	keep_error "$p"
	printf '%s\n' "$HEADERS" | grep -i '^Set-Cookie:' | grep -vi 'HttpOnly.*SameSite=\(Lax\|Strict\)' && \
		ok 1 "  a cookie without HttpOnly and SameSite"
done < "$TMP/routes"
# the sign-in and the trade link set their cookies HttpOnly and SameSite
for how in "/login" "$(trade_link WALK-1)"; do
	http GET "$how"
	c=$(printf '%s\n' "$HEADERS" | grep -i '^Set-Cookie:')
	like "$c" 'HttpOnly; SameSite=(Lax|Strict)' "GET ${how%%\?*}: its cookie is HttpOnly and SameSite"
	like "$(header Cache-Control)" no-store "  and the answer that sets it is no-store"
done

# ---- error pages: no file, version, SQL or setting name ----
settings=$(BODY=$(curl -sS -b "$TMP/admin.jar" -H 'Accept: application/json' "$SALIENT_URL/api/v1/settings") \
	json settings | perl -MJSON::PP -e 'my $d = decode_json(join "", <STDIN>);
		print join "|", map { quotemeta } (ref $d eq "HASH" ? keys %$d : map { $_->{name} } @$d)')
# a 500: the audit table gone for a moment
sql "RENAME TABLE audit_log TO audit_log_walk"
http GET /admin/audit -b "$TMP/admin.jar"
s500=$STATUS; keep_error /admin/audit; printf '4xx(500) /admin/audit %s\n' "$(printf '%s' "$BODY" | tr -d '\n')" >> "$ERRORS"
http GET /admin/audit -b "$TMP/admin.jar" -H 'Accept: application/json'
printf '4xx(500) /admin/audit %s\n' "$(printf '%s' "$BODY" | tr -d '\n')" >> "$ERRORS"
sql "RENAME TABLE audit_log_walk TO audit_log"
is "$s500" 500 "a broken table is a 500"
http GET '/admin/customers?page=abc' -b "$TMP/admin.jar"; keep_error customers-400
http GET "/nothing-here-$N"; keep_error 404
is "$(cut -d' ' -f1 "$ERRORS" | sort -u | paste -sd' ' -)" "400 401 403 404 405 4xx(500)" "the error pages collected: 400 401 403 404 405 500"
leaks=$(grep -Ei "(/(work|home|tmp|usr|var|etc)/|\.c:[0-9]|\.(c|h|sql|conf)\b|salient[ /-]?v?0\.[0-9]|\b0\.1\.0\b|\bSELECT\b|\bINSERT INTO\b|\bUPDATE [a-z_]+ SET\b|\bDELETE FROM\b|\bFROM [a-z_]+ WHERE\b|Table '|errno|mysql|mariadb|audit_log|${settings:-no-setting-names})" "$ERRORS" | cut -c1-300)
is "$leaks" "" "no error page names a file, a version, SQL or a setting ($(wc -l < "$ERRORS") pages)"

# ---- sessions: a role change ends the user's sessions ----
staff_login walk-agent@test.example walk-agent-pass-1 "$TMP/agent2.jar"
old=$(awk '$6 == "salient_session" { print $7 }' "$TMP/agent2.jar")
http GET /admin/ -b "$TMP/agent2.jar" -H 'Accept: application/json'
is "$STATUS" 200 "the agent's session works"
aid=$(sql "SELECT id FROM users WHERE email = 'walk-agent@test.example'")
http POST "/admin/users/$aid" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" \
	--data-urlencode role=admin
is "$STATUS" 200 "an admin makes the agent an admin"
http GET /admin/users -b "$TMP/agent2.jar" -H 'Accept: application/json'
is "$STATUS" 401 "  the session it had as an agent no longer works"
is "$(sql "SELECT COUNT(*) FROM sessions WHERE id_hash = UNHEX(SHA2('$old', 256))")" 0 "  and is gone"
staff_login walk-agent@test.example walk-agent-pass-1 "$TMP/agent2.jar"
new=$(awk '$6 == "salient_session" { print $7 }' "$TMP/agent2.jar")
ok $([ -n "$new" ] && [ "$new" != "$old" ]; echo $?) "  signing in again gives a new session id"
http POST "/admin/users/$aid" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" \
	--data-urlencode name="Walk Agent"
http GET /admin/users -b "$TMP/agent2.jar" -H 'Accept: application/json'
is "$STATUS" 200 "  a change of name alone keeps the session"
http POST "/admin/users/$aid" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" \
	--data-urlencode role=agent
http GET /admin/ -b "$TMP/agent2.jar" -H 'Accept: application/json'
is "$STATUS" 401 "  and back to agent: the admin session ends too"

# ---- coverage: every route was walked by at least one access case ----
uncovered=""
while IFS=$'\t' read -r m pat role _; do
	[ "$m" = HEAD ] && continue
	[ -n "${COV["$m $pat"]:-}" ] || uncovered+="$m $pat ($role); "
done < "$TMP/routes"
is "$uncovered" "" "every route is covered by an access case"
