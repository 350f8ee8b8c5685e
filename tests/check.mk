# tests: check - the checker's arithmetic (test_check_count), its findings on
# documents built in the test (test_check), its report formats (test_check_report),
# `litx check` exit codes (check_cli.sh), the seed article against its gold
# findings (check_seed.sh, skips without ../shared and python3) and the HTML report
# in a headless browser (check_html.sh, skips without chromium).
if HAVE_CMOCKA
check_PROGRAMS += tests/test_check_count tests/test_check tests/test_check_report
TESTS += tests/test_check_count tests/test_check tests/test_check_report
tests_test_check_count_SOURCES = tests/test_check_count.c
tests_test_check_count_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_check_count_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
tests_test_check_SOURCES = tests/test_check.c
tests_test_check_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_check_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
tests_test_check_report_SOURCES = tests/test_check_report.c
tests_test_check_report_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_check_report_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
endif
TESTS += tests/check_cli.sh tests/check_seed.sh tests/check_html.sh
EXTRA_DIST += tests/check_cli.sh tests/check_seed.sh tests/check_html.sh
