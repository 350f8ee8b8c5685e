# plugin metrics: electrocatalysis metrics from text and tables
metrics_sources = plugins/metrics/unit.c plugins/metrics/quantity.c \
	plugins/metrics/metric_rules.c plugins/metrics/reaction.c plugins/metrics/names.c \
	plugins/metrics/catalyst.c plugins/metrics/product.c plugins/metrics/role.c \
	plugins/metrics/text_metrics.c plugins/metrics/table_metrics.c plugins/metrics/record.c
pkglib_LTLIBRARIES += plugins/metrics.la
plugins_metrics_la_SOURCES = $(metrics_sources) plugins/metrics/metrics.c
plugins_metrics_la_LDFLAGS = $(litx_plugin_ldflags)
plugins_metrics_la_LIBADD = liblitx.la $(PCRE2_LIBS) $(JANSSON_LIBS) -lm
noinst_HEADERS += plugins/metrics/unit.h plugins/metrics/quantity.h plugins/metrics/mx.h
