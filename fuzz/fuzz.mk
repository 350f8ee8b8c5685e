# fuzz: libFuzzer targets for every reader and parser (fuzz/README.md). `make fuzz`
# builds them into fuzz/bin/ with clang (FUZZ_CC) and ASan+UBSan from the same
# sources as liblitx and the plugins; it is not part of `make all` or `make check`.
# The build itself is fuzz/targets.gmk (GNU make pattern rules, which automake would
# refuse here); this fragment hands it the source lists and the pkg-config flags.
# Run a target with fuzz/run (fuzz/run --help).
FUZZ_CC = clang
FUZZ_MAKE = $(MAKE) -f $(top_srcdir)/fuzz/targets.gmk SRCDIR='$(abs_top_srcdir)' \
	OUT='$(abs_top_builddir)/fuzz' CONFIG_H='$(abs_top_builddir)/config.h' \
	FUZZ_CC='$(FUZZ_CC)' \
	CORE_SRC='$(liblitx_la_SOURCES)' FORMULA_SRC='$(plugins_formula_la_SOURCES)' \
	METRICS_SRC='$(plugins_metrics_la_SOURCES)' \
	CITATIONS_SRC='$(plugins_citations_la_SOURCES)' \
	DEP_CFLAGS='$(XML_CFLAGS) $(PCRE2_CFLAGS) $(ZIP_CFLAGS) $(JANSSON_CFLAGS) $(UTF8PROC_CFLAGS) $(NETTLE_CFLAGS)' \
	DEP_LIBS='$(XML_LIBS) $(PCRE2_LIBS) $(ZIP_LIBS) $(JANSSON_LIBS) $(UTF8PROC_LIBS) $(NETTLE_LIBS)'

fuzz: config.h
	+$(FUZZ_MAKE) all
fuzz-clean:
	+$(FUZZ_MAKE) clean
.PHONY: fuzz fuzz-clean

EXTRA_DIST += fuzz/README.md fuzz/run fuzz/targets.gmk fuzz/common.h fuzz/common.c \
	fuzz/static_plugins.h fuzz/static_plugins.c fuzz/fuzz_text.c fuzz/fuzz_jats.c \
	fuzz/fuzz_zip.c fuzz/fuzz_formula.c fuzz/fuzz_quantity.c fuzz/fuzz_refparse.c \
	fuzz/fuzz_pipeline.c fuzz/seeds.py fuzz/dict
