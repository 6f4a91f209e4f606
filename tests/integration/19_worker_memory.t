#!/usr/bin/env bash
# Memory per responder worker stays bounded (issue 22 item 6).  This file
# runs after the route walk and the stored-text probes (17, 18) on the same
# stack, so its first reading is the workers' size after them.  Then every
# GET route of the table (`salient routes`, so a new module's are in it the
# day it is added), as a signed-in admin and with a bad input, plus refused
# bodies (too large, too deep, not JSON, not UTF-8) and unknown paths, is
# asked for again and again: after a warm-up (caches, arenas, fonts), more
# rounds of the same must not make the workers grow.  The figures are
# written as diagnostics; nothing here is timed.
. "$(dirname "$0")/lib.sh"
N=$$
staff_user "mem-admin-$N@test.example" admin "mem-admin-pass-1"
sql "DELETE FROM login_failures"
staff_login "mem-admin-$N@test.example" mem-admin-pass-1 "$TMP/admin.jar"
ok $([ -n "$CSRF" ]; echo $?) "an admin signs in"

rss_kib() {  # the sum of the responder workers' resident sizes, in KiB
	local p t=0 v
	for p in $(worker_pids); do
		v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null) || v=0
		t=$((t + ${v:-0}))
	done
	echo "$t"
}
per_worker() {
	local p
	for p in $(worker_pids); do
		printf '%s:%s ' "$p" "$(awk '/^VmRSS:/ { print $2 " KiB" }' "/proc/$p/status" 2>/dev/null)"
	done
}
pids=$(worker_pids | paste -sd' ')
nworkers=$(worker_pids | wc -l)
ok $([ "$nworkers" -ge 1 ]; echo $?) "the responder has workers ($nworkers)"
after_probes=$(rss_kib)
echo "# after the walk and the probes: $after_probes KiB in $nworkers workers ($(per_worker))"

# one round: a curl config (one process, one connection reused)
"${S_CLI[@]}" routes > "$TMP/routes"
cust=$(sql "SELECT id FROM customers ORDER BY id LIMIT 1")
cls=$(sql "SELECT COALESCE(MIN(id), 1) FROM classifications")
{
	awk -F'\t' '$1 == "GET" && $3 != "customer" { print $2 }' "$TMP/routes" |
	sed -e 's/{kind}/customers/g' -e "s/{[a-z_]*:uint}/${cust:-1}/g" -e 's/{[a-z_]*}/x/g' |
	while read -r p; do
		printf 'url = "%s%s"\noutput = "/dev/null"\n' "$SALIENT_URL" "$p"
		printf 'url = "%s%s?page=abc&nosuch=1"\noutput = "/dev/null"\n' "$SALIENT_URL" "$p"
	done
	printf 'url = "%s/admin/no/such/page"\noutput = "/dev/null"\n' "$SALIENT_URL"
	printf 'url = "%s/api/v1/classifications/%s"\noutput = "/dev/null"\n' "$SALIENT_URL" "$cls"
} > "$TMP/gets.cfg"
ngets=$(grep -c '^url' "$TMP/gets.cfg")
head -c 3000000 /dev/zero | tr '\0' 'a' > "$TMP/big"
deep=$(printf '%.0s[' $(seq 1 200)); printf '{"title":%s}' "$deep" > "$TMP/deep.json"
printf '{"title":"\xc0\xaf"}' > "$TMP/utf8.json"
round() {
	curl -s -w '%{http_code}\n' -b "$TMP/admin.jar" -K "$TMP/gets.cfg" > "$TMP/codes" || true
	# refused bodies, through the API key
	for f in big deep.json utf8.json; do
		curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $API_KEY" \
			-H 'Content-Type: application/json' --data-binary "@$TMP/$f" \
			"$SALIENT_URL/api/v1/classifications" >> "$TMP/codes" || true
	done
}
round
answered=$(grep -c '^[1-5]' "$TMP/codes")
is "$answered" "$((ngets + 3))" "one round is $((ngets + 3)) requests, each answered"
is "$(grep -c '^5' "$TMP/codes")" 0 "none of them a 5xx"
bad=$(grep -c '^4' "$TMP/codes")
ok $([ "$bad" -ge $((ngets / 2)) ]; echo $?) "the bad inputs are refused ($bad answers 4xx)"
# the workers' arenas (one per thread) fill slowly as the threads take
# turns: measured here, the growth per eight rounds falls from ~700 KiB to
# ~60 KiB after some 40 rounds (2 workers x 8 threads), so the warm-up is long
for i in $(seq 2 24); do round; done
warm=$(rss_kib)
for i in $(seq 1 24); do round; done
after=$(rss_kib)
echo "# after 24 rounds of $((ngets + 3)) requests: $warm KiB; after 24 more: $after KiB ($(per_worker))"
grow=$((after - warm))
# a leak of 1 KiB per request would add 24 x $((ngets + 3)) KiB
limit=1536
ok $([ "$grow" -le "$limit" ]; echo $?) "24 more rounds grow the workers by $grow KiB (at most $limit KiB)"
ok $([ "$after" -le $((nworkers * 131072)) ]; echo $?) \
	"each worker stays under 128 MiB on average ($((after / nworkers)) KiB)"
is "$(worker_pids | paste -sd' ')" "$pids" "the same workers as before (none died or was replaced)"
