# tests: robustness - the limits a hostile file cannot pass (test_limits: XML depth,
# entities and size; zip entry count, sizes and ratio; text line and paragraph
# length; regex backtracking; a failing plugin), and one test per bug the fuzzers
# found (test_regress, inputs in tests/data/regress/). The fuzz targets themselves
# are built by `make fuzz` (fuzz/fuzz.mk), never by `make check`.
if HAVE_CMOCKA
check_PROGRAMS += tests/test_limits tests/test_regress
TESTS += tests/test_limits tests/test_regress
tests_test_limits_SOURCES = tests/test_limits.c tests/util.h
tests_test_limits_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_limits_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS) $(ZIP_LIBS)
tests_test_regress_SOURCES = tests/test_regress.c tests/util.h
tests_test_regress_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_regress_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
endif
