# tests: zip input and bad input - listing and reading archives (test_zip), the
# input walk (test_input), the loader's refusals (test_load), and `litx dump` over a
# folder of good and bad files (bad_input.sh).
if HAVE_CMOCKA
check_PROGRAMS += tests/test_zip tests/test_input tests/test_load
TESTS += tests/test_zip tests/test_input tests/test_load

tests_test_zip_SOURCES = tests/test_zip.c tests/util.h
tests_test_zip_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_zip_LDADD = liblitx.la $(CMOCKA_LIBS) $(ZIP_LIBS) $(JANSSON_LIBS)

tests_test_input_SOURCES = tests/test_input.c
tests_test_input_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_input_LDADD = liblitx.la $(CMOCKA_LIBS) $(ZIP_LIBS) $(JANSSON_LIBS)

tests_test_load_SOURCES = tests/test_load.c
tests_test_load_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_load_LDADD = liblitx.la $(CMOCKA_LIBS) $(ZIP_LIBS) $(JANSSON_LIBS)
endif
TESTS += tests/bad_input.sh
EXTRA_DIST += tests/bad_input.sh
