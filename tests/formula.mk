# tests: formula - the core parser table (test_formula), the plugin on documents
# built in memory (test_formula_plugin), the peer vectors of three other formula
# parsers (test_formula_peer, tests/data/formula), the F1 on the seed gold
# (formula_seed.sh) and text/JATS agreement (formula_twin.sh) through formula_kb.
check_PROGRAMS += tests/test_formula_peer tests/formula_kb
TESTS += tests/test_formula_peer tests/formula_seed.sh tests/formula_twin.sh
EXTRA_DIST += tests/formula_seed.sh tests/formula_twin.sh
tests_test_formula_peer_SOURCES = tests/test_formula_peer.c
tests_test_formula_peer_LDADD = liblitx.la $(JANSSON_LIBS) -lm
tests_formula_kb_SOURCES = tests/formula_kb.c
tests_formula_kb_LDADD = liblitx.la $(JANSSON_LIBS)
if HAVE_CMOCKA
check_PROGRAMS += tests/test_formula tests/test_formula_plugin tests/test_fx_memo \
	tests/test_fx_spans tests/test_fx_scan
TESTS += tests/test_formula tests/test_formula_plugin tests/test_fx_memo tests/test_fx_spans \
	tests/test_fx_scan
tests_test_formula_SOURCES = tests/test_formula.c
tests_test_formula_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_formula_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
tests_test_formula_plugin_SOURCES = tests/test_formula_plugin.c
tests_test_formula_plugin_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_formula_plugin_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
# the plugin's memo of descriptions, compiled in from its folder
tests_test_fx_memo_SOURCES = tests/test_fx_memo.c plugins/formula/memo.c
tests_test_fx_memo_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/formula
tests_test_fx_memo_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(PCRE2_CFLAGS)
tests_test_fx_memo_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
# the scanner's span index, compiled in from its folder
tests_test_fx_spans_SOURCES = tests/test_fx_spans.c plugins/formula/spans.c
tests_test_fx_spans_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/formula
tests_test_fx_spans_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(PCRE2_CFLAGS)
tests_test_fx_spans_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
# the scanner's shortcut for plain tokens against its pattern, the scanner compiled in
tests_test_fx_scan_SOURCES = tests/test_fx_scan.c plugins/formula/scan.c \
	plugins/formula/context.c plugins/formula/memo.c plugins/formula/spans.c
tests_test_fx_scan_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/formula
tests_test_fx_scan_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(PCRE2_CFLAGS)
tests_test_fx_scan_LDADD = liblitx.la $(CMOCKA_LIBS) $(PCRE2_LIBS) $(JANSSON_LIBS)
endif
