# tests: kb units - the KB's JSON writer against jansson, ids and fact_ids
# (test_kb_json); the shard line reader and CSV cells (test_kb_scan); one table
# being assembled, its kb.json part and CSV (test_kb_part); clusters and audit
# counts (test_kb_asm).
if HAVE_CMOCKA
check_PROGRAMS += tests/test_kb_json tests/test_kb_scan tests/test_kb_part tests/test_kb_asm
TESTS += tests/test_kb_json tests/test_kb_scan tests/test_kb_part tests/test_kb_asm
tests_test_kb_json_SOURCES = tests/test_kb_json.c tests/rnd_json.h
tests_test_kb_json_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_kb_json_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
tests_test_kb_scan_SOURCES = tests/test_kb_scan.c tests/rnd_json.h
tests_test_kb_scan_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_kb_scan_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
tests_test_kb_part_SOURCES = tests/test_kb_part.c
tests_test_kb_part_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_kb_part_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
tests_test_kb_asm_SOURCES = tests/test_kb_asm.c
tests_test_kb_asm_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_kb_asm_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)
endif
