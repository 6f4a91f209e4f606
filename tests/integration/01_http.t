#!/usr/bin/env bash
# Routing, content negotiation, status codes and headers over real nginx.
. "$(dirname "$0")/lib.sh"

http GET /healthz
is "$STATUS" 200 "healthz answers 200"
is "$(json version):$(json migrations)" "null:null" "a stranger is not told the version or the schema"
http GET /healthz -H "Authorization: Bearer $API_KEY"
is "$(header Content-Type)" "application/json" "healthz is JSON"
is "$(json status)" ok "healthz status ok"
is "$(json db)" up "healthz db up"
like "$(json version)" '^[0-9]+\.[0-9]+\.[0-9]+$' "healthz has a version"
is "$(json migrations.pending)" 0 "no pending migrations"
like "$(json migrations.latest)" '^[0-9]{3}_' "latest migration named"
like "$(json migrations.applied)" '^[1-9][0-9]*$' "migrations applied counted"

# security headers on every response, errors included
for p in /healthz /no/such/page; do
	http GET "$p"
	like "$(header Content-Security-Policy)" "script-src 'self'" "CSP without inline script on $p"
	like "$(header Content-Security-Policy)" "frame-ancestors 'none'" "frame-ancestors on $p"
	is "$(header X-Content-Type-Options)" nosniff "nosniff on $p"
	is "$(header X-Frame-Options)" DENY "X-Frame-Options on $p"
	is "$(header Referrer-Policy)" same-origin "Referrer-Policy on $p"
done

# files nginx serves without the responder carry nosniff and a CSP too
for p in /static/css/salient.css /static/js/salient.js /static/vendor/chart.js/chart.min.js; do
	http GET "$p"
	is "$STATUS:$(header X-Content-Type-Options)" "200:nosniff" "nosniff on $p"
	like "$(header Content-Security-Policy)" "default-src 'none'" "a CSP that runs nothing on $p"
done

http HEAD /healthz
is "$STATUS" 200 "HEAD healthz 200"
# with --head curl writes the headers where the body would go: no JSON follows
is "$(printf '%s' "$BODY" | grep -c '^{')" 0 "HEAD has no body"
like "$(header Content-Length)" '^[1-9][0-9]*$' "HEAD gives GET's Content-Length"

http GET /no/such/page -H 'Accept: application/json'
is "$STATUS" 404 "unknown path 404"
is "$(json error.status)" 404 "404 as JSON error object"
http GET /no/such/page -H 'Accept: text/html,application/xhtml+xml,*/*;q=0.8'
is "$STATUS" 404 "unknown page 404 for a browser"
like "$(header Content-Type)" '^text/html' "browser gets the HTML error page"
like "$BODY" '<!DOCTYPE html>' "error page is a whole page"

http GET /api/v1/nothing
is "$STATUS" 404 "unknown API path 404"
is "$(header Content-Type)" application/json "API errors are JSON without Accept"

http POST /healthz
is "$STATUS" 405 "POST on a GET route is 405"
like "$(header Allow)" '^GET, HEAD$' "405 names the allowed methods"
http DELETE /api/v1/jobs
is "$STATUS" 405 "DELETE on a GET and POST route is 405"
is "$(header Allow)" "GET, HEAD, POST" "Allow lists every method of the path"
http PATCH /api/v1/jobs -H "Authorization: Bearer $API_KEY"
is "$STATUS" 405 "PATCH on an existing path is 405, not 501"
is "$(header Allow)" "GET, HEAD, POST" "with the Allow header"
http PATCH /no/such/page
is "$STATUS" 404 "PATCH on no path is 404"
http BREW /healthz
is "$STATUS" 501 "a method HTTP does not have is 501"

# a CSV download, streamed
http GET /api/v1/jobs.csv -H "Authorization: Bearer $API_KEY"
is "$STATUS" 200 "jobs.csv downloads"
like "$(header Content-Type)" '^text/csv' "as CSV"
is "$(header Content-Disposition)" 'attachment; filename="jobs.csv"' "as an attachment"
is "$(header Content-Length)" "" "streamed: no Content-Length"
is "$(printf '%s' "$BODY" | head -1 | tr -d '\r')" "id,kind,state,attempts,progress_done,progress_total,last_error,created_at,started_at,finished_at" \
	"the header row"
http GET /api/v1/jobs -H "Authorization: Bearer $API_KEY"
is "$STATUS" 200 "the same list as JSON"
like "$(json jobs)" '^\[' "a jobs array"

http GET /api/v1/jobs/1
is "$STATUS" 401 "API route without a token is 401"
like "$(header WWW-Authenticate)" '^Bearer' "401 asks for a bearer token"
http GET /api/v1/jobs/1 -H "Authorization: Bearer wrong-token-wrong-token-wrong"
is "$STATUS" 401 "wrong token is 401"
like "$(json error.message)" "not valid" "wrong token says so"

http GET /api/v1/jobs/abc -H "Authorization: Bearer $API_KEY"
is "$STATUS" 400 "non-numeric id is 400"
like "$(json error.message)" '^id: ' "400 names the parameter"
http GET /api/v1/jobs/999999999 -H "Authorization: Bearer $API_KEY"
is "$STATUS" 404 "missing job is 404"

# paths that must never reach a handler
for p in '/../etc/passwd' '/a/%2e%2e/b' '/a%2Fb' '/a//b' '/%00' '/%zz' '/%C0%AF'; do
	STATUS=$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$SALIENT_URL$p")
	like "$STATUS" '^(400|404)$' "hostile path $p refused ($STATUS)"
done
