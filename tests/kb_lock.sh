#!/bin/sh
# Two runs cannot write one DIR: the second stops with exit 2 and says why.
. "${LITX_SRCDIR:-.}/tests/kb_lib.sh"
command -v flock >/dev/null || { echo "no flock(1)"; exit 77; }
make_corpus "$TMP/c"
litx run -q "$TMP/c" -o "$TMP/out"
flock "$TMP/out/.litx/lock" sleep 3 & holder=$!
sleep 0.5
set +e
msg=$("$LITX_BIN" run -q "$TMP/c" -o "$TMP/out" 2>&1)
rc=$?
set -e
wait $holder
[ $rc -eq 2 ] || fail "second run exit $rc, expected 2"
echo "$msg" | grep -q "in use by another litx run" || fail "no lock message: $msg"
litx run -q "$TMP/c" -o "$TMP/out" || fail "run after the lock was released failed"
echo "lock: ok"
