# tests: metrics - the number-and-unit parser alone, then the plugin on documents
# built in the test (no reader needed)
if HAVE_CMOCKA
check_PROGRAMS += tests/test_quantity tests/test_metrics
TESTS += tests/test_quantity tests/test_metrics
tests_test_quantity_SOURCES = tests/test_quantity.c plugins/metrics/quantity.c \
	plugins/metrics/unit.c
tests_test_quantity_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_quantity_LDADD = $(CMOCKA_LIBS) -lm
tests_test_metrics_SOURCES = tests/test_metrics.c $(metrics_sources) plugins/metrics/metrics.c
tests_test_metrics_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_metrics_LDADD = liblitx.la $(CMOCKA_LIBS) $(PCRE2_LIBS) $(JANSSON_LIBS) -lm
endif

# the driver that writes a KB-shaped JSON of metrics, and the tests on real articles
check_PROGRAMS += tests/metrics_kb
tests_metrics_kb_SOURCES = tests/metrics_kb.c
tests_metrics_kb_LDADD = liblitx.la $(JANSSON_LIBS)
TESTS += tests/metrics_seed.sh tests/metrics_twin.sh tests/metrics_tables.sh
EXTRA_DIST += tests/metrics_seed.sh tests/metrics_twin.sh tests/metrics_tables.sh
