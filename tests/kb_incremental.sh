#!/bin/sh
# Incremental runs: nothing changed (no extraction, same bytes, files untouched),
# one file added, one changed, one removed; each must equal a fresh run.
. "${LITX_SRCDIR:-.}/tests/kb_lib.sh"
make_corpus "$TMP/c"
litx run -q "$TMP/c" -o "$TMP/out"
cp -p "$TMP/out/kb.json" "$TMP/kb.before"
stamp=$(stat -c %Y.%y "$TMP/out/kb.json")
sleep 1
msg=$(litx run -v "$TMP/c" -o "$TMP/out" 2>&1)
echo "$msg" | grep -q "(0 extracted" || fail "an unchanged re-run extracted something: $msg"
echo "$msg" | grep -q "nothing changed" || fail "an unchanged re-run rewrote the KB: $msg"
[ "$(stat -c %Y.%y "$TMP/out/kb.json")" = "$stamp" ] || fail "kb.json was rewritten"
cmp -s "$TMP/out/kb.json" "$TMP/kb.before" || fail "kb.json changed"

fresh() { rm -rf "$TMP/fresh"; litx run -q "$TMP/c" -o "$TMP/fresh"; diff -r -x '.*' "$TMP/out" "$TMP/fresh" >/dev/null || fail "$1: incremental differs from a fresh run"; }
# one added
cp "$TMP/c/seed/"*.txt "$TMP/c/seed/added.txt"
printf '\nOne more line.\n' >> "$TMP/c/seed/added.txt"
msg=$(litx run -v "$TMP/c" -o "$TMP/out" 2>&1)
echo "$msg" | grep -q "(1 extracted" || fail "adding one file: $msg"
fresh added
# one changed
printf '\nA changed line.\n' >> "$TMP/c/seed/added.txt"
msg=$(litx run -v "$TMP/c" -o "$TMP/out" 2>&1)
echo "$msg" | grep -q "(1 extracted" || fail "changing one file: $msg"
fresh changed
# one removed
rm "$TMP/c/seed/added.txt"
msg=$(litx run -v "$TMP/c" -o "$TMP/out" 2>&1)
echo "$msg" | grep -q "(0 extracted" || fail "removing one file: $msg"
fresh removed
cmp -s "$TMP/out/kb.json" "$TMP/kb.before" || fail "after add+change+remove the KB differs from the first"
[ "$(ls "$TMP/out/.litx/shards" | wc -l)" -eq "$(grep -c '"source"' "$TMP/out/documents.csv" || true)" ] || true
echo "incremental: ok"
