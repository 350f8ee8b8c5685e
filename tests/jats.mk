# tests: jats - the JATS reader feature by feature (test_read_jats), every real
# JATS article of the corpus against independent xmllint counts (jats_real.sh),
# and the seed article read as text and as JATS giving the same model (twin.sh).
if HAVE_CMOCKA
check_PROGRAMS += tests/test_read_jats
TESTS += tests/test_read_jats
tests_test_read_jats_SOURCES = tests/test_read_jats.c
tests_test_read_jats_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_read_jats_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
# the reader's tree pool out of memory part way (its own program: it replaces malloc)
check_PROGRAMS += tests/test_jats_oom
TESTS += tests/test_jats_oom
tests_test_jats_oom_SOURCES = tests/test_jats_oom.c
tests_test_jats_oom_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_jats_oom_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
endif
TESTS += tests/jats_real.sh tests/twin.sh
EXTRA_DIST += tests/jats_real.sh tests/twin.sh
