# plugin citations: citation callouts and reference-list entries (the marking and the
# parsing are the core's, pipeline/callout*.c and pipeline/refparse.c)
pkglib_LTLIBRARIES += plugins/citations.la
plugins_citations_la_SOURCES = plugins/citations/citations.c
plugins_citations_la_LDFLAGS = $(litx_plugin_ldflags)
plugins_citations_la_LIBADD = liblitx.la $(JANSSON_LIBS)
