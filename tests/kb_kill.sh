#!/bin/sh
# A run that dies after writing its new files but before publishing them, and runs
# killed at random moments, leave the previous KB whole.
. "${LITX_SRCDIR:-.}/tests/kb_lib.sh"
make_corpus "$TMP/c"
litx run -q "$TMP/c" -o "$TMP/out"
cp -r "$TMP/out" "$TMP/old"
printf '\nNew text.\n' >> "$TMP/c/seed/"*.txt
set +e
LITX_TEST_DIE_BEFORE_PUBLISH=1 "$LITX_BIN" run -q "$TMP/c" -o "$TMP/out"
rc=$?
set -e
[ $rc -eq 3 ] || fail "the fault hook did not fire (exit $rc)"
diff -r -x '.*' "$TMP/old" "$TMP/out" >/dev/null || fail "a run that died changed the published KB"
# killed at random points: every published file is always a whole file of one run
for delay in 0.01 0.05 0.1 0.2 0.3; do
	"$LITX_BIN" run -q "$TMP/c" -o "$TMP/out" -j2 & pid=$!
	sleep $delay; kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
	python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/out/kb.json" || fail "kb.json broken after kill at $delay s"
done
litx run -q "$TMP/c" -o "$TMP/out"
rm -rf "$TMP/fresh"; litx run -q "$TMP/c" -o "$TMP/fresh"
diff -r -x '.*' "$TMP/out" "$TMP/fresh" >/dev/null || fail "a run after kills differs from a fresh run"
echo "kill: ok"
