#!/bin/sh
# Same inputs, same bytes: -j1 against -j2, and files found in another order.
. "${LITX_SRCDIR:-.}/tests/kb_lib.sh"
make_corpus "$TMP/a"
litx run -q "$TMP/a" -o "$TMP/o1" -j1
litx run -q "$TMP/a" -o "$TMP/o2" -j2
diff -r -x '.*' "$TMP/o1" "$TMP/o2" >/dev/null || fail "-j1 and -j2 differ"
# the same files created in reverse order (directory order differs), named in another order
mkdir -p "$TMP/b"
for d in real twin seed; do
	mkdir -p "$TMP/b/$d"
	for f in $(ls -r "$TMP/a/$d"); do cp "$TMP/a/$d/$f" "$TMP/b/$d/$f"; done
done
litx run -q "$TMP/b" -o "$TMP/o3" -j2
diff -r -x '.*' "$TMP/o1" "$TMP/o3" >/dev/null || fail "file order changes the output"
litx run -q "$TMP/a/twin" "$TMP/a/seed" -o "$TMP/o4"
litx run -q "$TMP/a/seed" "$TMP/a/twin" -o "$TMP/o5"
diff -r -x '.*' "$TMP/o4" "$TMP/o5" >/dev/null || fail "argument order changes the output"
grep -q '"documents"' "$TMP/o1/kb.json" || fail "no kb.json"
echo "determinism: ok"
