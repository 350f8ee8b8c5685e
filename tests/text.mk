# tests: text - the inline normalizer alone (table-driven), then the reader on small
# documents and on the seed article (corpus/seed)
if HAVE_CMOCKA
check_PROGRAMS += tests/test_text_inline tests/test_read_text
TESTS += tests/test_text_inline tests/test_read_text
tests_test_text_inline_SOURCES = tests/test_text_inline.c
tests_test_text_inline_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_text_inline_LDADD = liblitx.la $(CMOCKA_LIBS)
tests_test_read_text_SOURCES = tests/test_read_text.c
tests_test_read_text_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_read_text_LDADD = liblitx.la $(CMOCKA_LIBS)
endif
