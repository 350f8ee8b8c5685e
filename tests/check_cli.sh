#!/bin/sh
# check_cli.sh - `litx check` reads DIR/kb.json and exits 0, 1 (a finding at or
# above --fail-on) or 2 (usage or an unreadable KB), in every format.
set -u
: "${LITX_BIN:?}" "${LITX_SRCDIR:?}"
data="$LITX_SRCDIR/tests/data/check"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() { # expect STATUS ARGS...
	want=$1; shift
	"$LITX_BIN" check "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: litx check $* exited $got, want $want"; cat "$tmp/err"; fail=1
	fi
}
expect 1 "$data/kb_err"
grep -q "dopant_not_in_formula" "$tmp/out" || { echo "FAIL: text report lacks the finding"; fail=1; }
grep -q "row 2 (line 12)" "$tmp/out" || { echo "FAIL: text report not grouped by row"; fail=1; }
expect 1 "$data/kb_err" --fail-on warning
expect 0 "$data/kb_err" --fail-on none
expect 0 "$data/kb_warn"
expect 1 "$data/kb_warn" --fail-on warning
expect 1 "$data/kb_err/kb.json"          # the file named directly
for f in text json csv html; do
	expect 0 "$data/kb_err" --format "$f" --fail-on none
	[ -s "$tmp/out" ] || { echo "FAIL: empty $f report"; fail=1; }
done
"$LITX_BIN" check "$data/kb_err" --format json --fail-on none | grep -q '"kind": "ref_uncited"' ||
	{ echo "FAIL: json report"; fail=1; }
"$LITX_BIN" check "$data/kb_err" --format csv --fail-on none | head -1 | grep -q '^doc_id,id,kind,severity' ||
	{ echo "FAIL: csv header"; fail=1; }
expect 2 "$data/kb_err" --format yaml
expect 2 "$data/kb_err" --fail-on sometimes
expect 2 "$tmp/no-such-dir"
grep -q "litx run" "$tmp/err" || { echo "FAIL: no hint to run litx run"; fail=1; }
printf '{"findings": [' >"$tmp/kb.json"
expect 2 "$tmp"
printf '{"findings": 3}' >"$tmp/kb.json"
expect 2 "$tmp"
printf '{"documents": []}' >"$tmp/kb.json"
expect 0 "$tmp"                              # no findings at all
exit $fail
