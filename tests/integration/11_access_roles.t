#!/usr/bin/env bash
# The users page: roles, invitations, disabling, the audit log of it, the
# last admin.  The walk over every route of the table (roles, CSRF, Origin,
# tokens, trade customers, methods) is 17_route_walk.t.
. "$(dirname "$0")/lib.sh"
sql "DELETE FROM login_failures"
staff_user roles-admin@test.example admin roles-admin-pass-1
staff_user roles-agent@test.example agent roles-agent-pass-1
"${S_CLI[@]}" user enable --email roles-agent@test.example
staff_login roles-agent@test.example roles-agent-pass-1 "$TMP/agent.jar"
staff_login roles-admin@test.example roles-admin-pass-1 "$TMP/admin.jar"; ADMIN_CSRF=$CSRF
# admins: the users page changes roles and is audited; the last admin stays
http GET /admin/users -b "$TMP/admin.jar"
is "$STATUS" 200 "the users page renders"
like "$BODY" 'roles-agent@test.example' "it lists users"
like "$BODY" "name=\"csrf_token\" value=\"$ADMIN_CSRF\"" "its forms carry the CSRF token"
aid=$(sql "SELECT id FROM users WHERE email = 'roles-agent@test.example'")
http POST "/admin/users/$aid" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode role=nobody
is "$STATUS" 400 "an unknown role is 400"
is "$(json error.field):$(json error.reason)" role:enum "  naming the field and the reason"
like "$(json error.message)" '^role: ' "  saying so"
http POST "/admin/users/x$aid" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode role=agent
is "$STATUS:$(json error.field):$(json error.reason)" 400:id:uint "a user id that is not a number is 400"
http POST "/admin/users/99999999" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode role=agent
is "$STATUS" 404 "a user that does not exist is still 404"
http POST "/admin/users/$aid" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode colour=red
is "$STATUS:$(json error.field):$(json error.reason)" 400:colour:unknown "an unknown field is 400"
http POST "/admin/users/$aid" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode active=maybe
is "$STATUS:$(json error.field):$(json error.reason)" 400:active:bool "active that is not a yes or no is 400"
http POST "/admin/users/$aid/invite" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode role=agent
is "$STATUS:$(json error.field):$(json error.reason)" 400:role:unknown "the invitation takes no fields"
http POST /admin/users -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode email=lang-bad@test.example --data-urlencode lang=fr
is "$STATUS:$(json error.field):$(json error.reason)" 400:lang:enum "a language not offered is 400"
http POST /admin/users -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode name=nobody
is "$STATUS:$(json error.field):$(json error.reason)" 400:email:required "an invitation without an e-mail address is 400"
http GET "/admin/audit?page=0" -b "$TMP/admin.jar" -H 'Accept: application/json'
is "$STATUS:$(json error.field):$(json error.reason)" 400:page:range "audit page 0 is out of range"
http GET "/admin/audit?page=100001" -b "$TMP/admin.jar" -H 'Accept: application/json'
is "$STATUS:$(json error.field):$(json error.reason)" 400:page:range "  and so is a page past the last"
http GET "/admin/audit?from=2026-02-30" -b "$TMP/admin.jar" -H 'Accept: application/json'
is "$STATUS:$(json error.field):$(json error.reason)" 400:from:date "an audit date that is not in the calendar is 400"
http GET "/admin/audit?from=2026-01-01&to=&what=user&actor=" -b "$TMP/admin.jar" -H 'Accept: application/json'
is "$STATUS:$(json filter.from):$(json filter.what)" 200:2026-01-01:user "empty audit filters are no filters"
http POST /admin/users/abc -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode role=admin
is "$STATUS" 400 "a bad id is 400"
http POST /admin/users/999999 -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode role=admin
is "$STATUS" 404 "an unknown user is 404"
http POST "/admin/users/$aid" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode active=0
is "$STATUS" 200 "an admin disables the agent"
is "$(sql "SELECT after_json FROM audit_log WHERE what = 'user.update' AND object_id = '$aid' ORDER BY id DESC LIMIT 1")" \
	"$(sql "SELECT JSON_OBJECT('email', 'roles-agent@test.example', 'name', '', 'role', 'agent', 'lang', NULL, 'active', 0)" | sed 's/: /:/g; s/, /,/g')" \
	"the audit log has the after values"
like "$(sql "SELECT CONCAT(actor, ' | ', before_json) FROM audit_log WHERE what = 'user.update' AND object_id = '$aid' ORDER BY id DESC LIMIT 1")" \
	'^user roles-admin@test.example \| .*"active":1' "who and the before values"
http GET /admin/ -b "$TMP/agent.jar" -H 'Accept: application/json'
is "$STATUS" 401 "the disabled agent's session has ended"
http GET "/admin/audit?what=user&actor=roles-admin" -b "$TMP/admin.jar" -H 'Accept: application/json'
is "$STATUS" 200 "the audit page filters"
is "$(json entries.0.what)" user.update "  by what and actor"
is "$(json entries.0.after.active)" 0 "  with before/after as JSON"
http GET "/admin/audit?from=2026-13-01" -b "$TMP/admin.jar" -H 'Accept: application/json'
is "$STATUS" 400 "a bad date filter is 400"
http GET /admin/audit -b "$TMP/admin.jar"
is "$STATUS" 200 "the audit page renders"
# the last admin cannot demote itself
others=$(sql "SELECT GROUP_CONCAT(id) FROM users WHERE role = 'admin' AND email <> 'roles-admin@test.example'")
[ "$others" != NULL ] && sql "UPDATE users SET role = 'agent' WHERE id IN ($others)"
me=$(sql "SELECT id FROM users WHERE email = 'roles-admin@test.example'")
http POST "/admin/users/$me" -b "$TMP/admin.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $ADMIN_CSRF" --data-urlencode role=agent
is "$STATUS" 409 "the last admin cannot become an agent"
like "$(json error.message)" 'last active admin' "  saying why"
if [ "$others" != NULL ]; then sql "UPDATE users SET role = 'admin' WHERE id IN ($others)"; fi
