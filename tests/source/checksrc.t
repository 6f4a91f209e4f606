#!/usr/bin/env bash
# The source check (scripts/checksrc): banned calls, unchecked number
# parsing, file and function sizes.  Its own output is the TAP.
exec "$(dirname "$0")/../../scripts/checksrc" "$(dirname "$0")/../.."
