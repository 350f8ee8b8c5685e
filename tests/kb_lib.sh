# kb_lib.sh - shared set-up for the KB end-to-end tests (sourced, not run).
set -eu
: "${LITX_BIN:?run through make check}" "${LITX_SRCDIR:?run through make check}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/litx-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# A small corpus: the seed text, its JATS twin and a few real JATS articles.
make_corpus() {
	mkdir -p "$1/seed" "$1/twin" "$1/real"
	cp "$LITX_SRCDIR"/corpus/seed/*.txt "$1/seed/"
	cp "$LITX_SRCDIR"/corpus/twin/*.xml "$1/twin/"
	n=0
	for f in $(find "$LITX_SRCDIR/corpus/real" -name '*.xml' -o -name '*.nxml' | sort); do
		n=$((n + 1)); [ $n -le 4 ] || break
		cp "$f" "$1/real/$n-$(basename "$f")"
	done
}
litx() { "$LITX_BIN" "$@"; }
