# bench/bench.mk - `make bench`: the speed and memory benchmark (bench/README.md).
# Not part of `make check`: it needs minutes and ~600 MB of temporary space.
bench: all
	$(SHELL) $(srcdir)/bench/run $(abs_top_builddir)

EXTRA_DIST += bench/run bench/bench.py bench/README.md
.PHONY: bench
