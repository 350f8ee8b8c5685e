# plugin formula: cluster formulas and ligand abbreviations (core parser in
# pipeline/formula*.c)
pkglib_LTLIBRARIES += plugins/formula.la
plugins_formula_la_SOURCES = plugins/formula/formula.c plugins/formula/scan.c \
	plugins/formula/context.c plugins/formula/memo.c plugins/formula/spans.c
plugins_formula_la_LDFLAGS = $(litx_plugin_ldflags)
plugins_formula_la_LIBADD = liblitx.la $(PCRE2_LIBS) $(JANSSON_LIBS)
noinst_HEADERS += plugins/formula/fx.h
