#!/bin/sh
# `make install` puts the binary, the plugins, the public headers and litx.pc in
# place, and a plugin written out of tree builds against them with pkg-config and
# loads in the installed litx.
set -eu
: "${LITX_SRCDIR:?run through make check}" "${LITX_BUILDDIR:?run through make check}"
command -v cc >/dev/null || { echo "no C compiler"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/litx-install.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
make -s -C "$LITX_BUILDDIR" install DESTDIR="$TMP/dest" >/dev/null 2>"$TMP/err" || { cat "$TMP/err"; fail "make install"; }
pc=$(find "$TMP/dest" -name litx.pc | head -n 1)
[ -n "$pc" ] || fail "no litx.pc installed"
[ -n "$(find "$TMP/dest" -name litx -type f -perm -u+x)" ] || fail "no litx binary installed"
[ -n "$(find "$TMP/dest" -name 'formula.so')" ] || fail "no formula plugin installed"
[ -n "$(find "$TMP/dest" -path '*include/litx/plugin.h')" ] || fail "no public header installed"
export PKG_CONFIG_SYSROOT_DIR="$TMP/dest" PKG_CONFIG_PATH="$(dirname "$pc")"
flags=$(pkg-config --cflags --libs litx) || fail "pkg-config litx"
mkdir "$TMP/plug"
# shellcheck disable=SC2086
cc -std=c11 -shared -fPIC -o "$TMP/plug/good.so" "$LITX_SRCDIR/tests/plugins/good.c" $flags ||
	fail "an out-of-tree plugin does not build with pkg-config"
bin=$(find "$TMP/dest" -name litx -type f -perm -u+x | head -n 1)
libdir=$(dirname "$(find "$TMP/dest" -name 'liblitx.so*' | head -n 1)")
out=$(LD_LIBRARY_PATH="$libdir" "$bin" plugins --plugin-dir "$TMP/plug") || fail "installed litx cannot list the plugin"
echo "$out" | grep -q good || fail "the out-of-tree plugin was not loaded: $out"
echo "install: ok"
