# tests: core - arena, tbuf, docb and the text queries (test_core); the plugin host
# with tiny test plugins built for `make check` only, never installed (test_host).
if HAVE_CMOCKA
check_PROGRAMS += tests/test_core tests/test_host
TESTS += tests/test_core tests/test_host

tests_test_core_SOURCES = tests/test_core.c
tests_test_core_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_core_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)

tests_test_host_SOURCES = tests/test_host.c
tests_test_host_CPPFLAGS = $(AM_CPPFLAGS) \
	-DTEST_PLUGIN_DIR='"$(abs_top_builddir)/tests/plugins/.libs"'
tests_test_host_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_host_LDADD = liblitx.la $(CMOCKA_LIBS) $(JANSSON_LIBS)

# test plugins: built as modules (so the host dlopens real .so files) but not installed
test_plugin_ldflags = $(litx_plugin_ldflags) -rpath /nowhere
test_plugin_libadd = liblitx.la $(JANSSON_LIBS)
check_LTLIBRARIES = tests/plugins/good.la tests/plugins/good_twin.la \
	tests/plugins/failing.la tests/plugins/badabi.la tests/plugins/notplugin.la
tests_plugins_good_la_SOURCES = tests/plugins/good.c
tests_plugins_good_la_LDFLAGS = $(test_plugin_ldflags)
tests_plugins_good_la_LIBADD = $(test_plugin_libadd)
tests_plugins_good_twin_la_SOURCES = tests/plugins/good_twin.c
tests_plugins_good_twin_la_LDFLAGS = $(test_plugin_ldflags)
tests_plugins_good_twin_la_LIBADD = $(test_plugin_libadd)
tests_plugins_failing_la_SOURCES = tests/plugins/failing.c
tests_plugins_failing_la_LDFLAGS = $(test_plugin_ldflags)
tests_plugins_failing_la_LIBADD = $(test_plugin_libadd)
tests_plugins_badabi_la_SOURCES = tests/plugins/badabi.c
tests_plugins_badabi_la_LDFLAGS = $(test_plugin_ldflags)
tests_plugins_badabi_la_LIBADD = $(test_plugin_libadd)
tests_plugins_notplugin_la_SOURCES = tests/plugins/notplugin.c
tests_plugins_notplugin_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
endif

# make install, and an out-of-tree plugin built with pkg-config
TESTS += tests/install.sh
EXTRA_DIST += tests/install.sh
