# The JATS reader: read_jats.c drives the parse and the passes; jats_*.c hold one
# job each (the tree, tags, inline text, citations, references, tables, body); jats.h is
# their shared internal header. The white space around scripts is
# script_squeeze.c's (core.mk), shared with the text reader.
liblitx_la_SOURCES += pipeline/read_jats.c pipeline/jats_tags.c pipeline/jats_inline.c \
	pipeline/jats_cite.c pipeline/jats_refs.c \
	pipeline/jats_table.c pipeline/jats_body.c pipeline/jats_tree.c
noinst_HEADERS += pipeline/jats.h
