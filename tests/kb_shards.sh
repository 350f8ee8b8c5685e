#!/bin/sh
# The README's GNU parallel recipe: extract in three shards, merge, and get the
# same bytes as one `litx run`.
. "${LITX_SRCDIR:-.}/tests/kb_lib.sh"
make_corpus "$TMP/c"
printf 'Notes on this corpus: not an article.\n' > "$TMP/c/README.md"   # skipped by run and --list
litx run -q "$TMP/c" -o "$TMP/one"
cd "$TMP/c"
litx extract --list . > "$TMP/list"
grep -q README "$TMP/list" && fail "--list names a file run would skip"
per=$(( ($(wc -l < "$TMP/list") + 2) / 3 ))
if command -v parallel >/dev/null; then
	parallel --will-cite --pipe -N"$per" -j3 \
		"xargs $LITX_BIN extract -q > $TMP/shard{#}.jsonl" < "$TMP/list"
else
	echo "GNU parallel not installed: splitting by hand"
	split -l "$per" "$TMP/list" "$TMP/part"
	i=0; for p in "$TMP"/part*; do i=$((i + 1)); xargs "$LITX_BIN" extract -q < "$p" > "$TMP/shard$i.jsonl"; done
fi
[ "$(ls "$TMP"/shard*.jsonl | wc -l)" -eq 3 ] || fail "expected 3 shards"
litx merge -q "$TMP"/shard*.jsonl -o "$TMP/merged"
diff -r -x '.*' "$TMP/one" "$TMP/merged" || fail "merged shards differ from one run"
echo "shards: ok"
