# bench/bench.mk - `make bench`: the speed and memory benchmark (bench/README.md).
# Not part of `make check`: it takes minutes and needs ~0.5 GB of TMPDIR for the
# corpora plus one KB at a time (a few GB while litx writes 6x its text input).
bench: all
	$(SHELL) $(srcdir)/bench/run $(abs_top_builddir)

EXTRA_DIST += bench/run bench/bench.py bench/instructions.py bench/README.md
.PHONY: bench
