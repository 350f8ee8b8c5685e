# tests: citations - the superscript/textual/author-year callout rules and the
# marking of documents built in the test (test_callout), the reference-entry parser
# on every style it reads (test_refparse), the plugin through the host
# (test_citations_plugin), the seed against its gold callouts and references
# (citations_seed.sh) and the real JATS files against their xref counts
# (citations_real.sh); both shell tests skip without python3 or the corpus.
# tests/refparse_bench serves bench/anystyle.sh (run by hand, not a test).
if HAVE_CMOCKA
check_PROGRAMS += tests/test_callout tests/test_refparse tests/test_citations_plugin
TESTS += tests/test_callout tests/test_refparse tests/test_citations_plugin
tests_test_callout_SOURCES = tests/test_callout.c
tests_test_callout_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_callout_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
tests_test_refparse_SOURCES = tests/test_refparse.c
tests_test_refparse_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_refparse_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
tests_test_citations_plugin_SOURCES = tests/test_citations_plugin.c
tests_test_citations_plugin_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_citations_plugin_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
endif
check_PROGRAMS += tests/refparse_bench tests/citations_kb
tests_refparse_bench_SOURCES = tests/refparse_bench.c
tests_refparse_bench_LDADD = liblitx.la $(JANSSON_LIBS)
tests_citations_kb_SOURCES = tests/citations_kb.c
tests_citations_kb_LDADD = liblitx.la $(JANSSON_LIBS)
TESTS += tests/citations_seed.sh tests/citations_real.sh
EXTRA_DIST += tests/citations_seed.sh tests/citations_real.sh bench/anystyle.sh
