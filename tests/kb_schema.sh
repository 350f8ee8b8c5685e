#!/bin/sh
# kb.json validates against the shipped JSON Schema; every CSV has the same rows
# as its kb.json table.
. "${LITX_SRCDIR:-.}/tests/kb_lib.sh"
PY=""
for p in python3 /usr/bin/python3; do
	if $p -c "import jsonschema" 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { echo "python3 with jsonschema not found"; exit 77; }
make_corpus "$TMP/c"
printf '<?xml version="1.0"?>\n<article><body><p>broken</body>\n' > "$TMP/c/broken.xml"
litx run -q "$TMP/c" -o "$TMP/out"
$PY - "$LITX_SRCDIR/docs/kb.schema.json" "$TMP/out" <<'PY'
import csv, json, sys, os
import jsonschema
schema = json.load(open(sys.argv[1]))
kb = json.load(open(os.path.join(sys.argv[2], "kb.json")))
jsonschema.Draft202012Validator(schema).validate(kb)
for table in ["documents", "formulas", "metrics", "citations", "references", "tables", "findings", "clusters"]:
    with open(os.path.join(sys.argv[2], table + ".csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(kb[table]), (table, len(rows), len(kb[table]))
docs = {d["source"]: d for d in kb["documents"]}
assert docs["broken.xml"]["status"] == "error", docs["broken.xml"]
assert "broken.xml" in docs["broken.xml"]["error"]
assert sum(d["status"] == "ok" for d in kb["documents"]) >= 1
print("schema: ok,", len(kb["documents"]), "documents")
PY
