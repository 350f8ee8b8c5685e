# The JATS reader: read_jats.c drives the parse and the passes; jats_*.c hold one
# job each (tags, inline text, white space around scripts, citations, references,
# tables, body); jats.h is their shared internal header.
liblitx_la_SOURCES += pipeline/read_jats.c pipeline/jats_tags.c pipeline/jats_inline.c \
	pipeline/jats_squeeze.c pipeline/jats_cite.c pipeline/jats_refs.c \
	pipeline/jats_table.c pipeline/jats_body.c
noinst_HEADERS += pipeline/jats.h
