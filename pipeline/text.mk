# the text reader: read_text.c drives; text_int.h says who decides what
liblitx_la_SOURCES += pipeline/read_text.c pipeline/text_inline.c pipeline/text_lines.c \
	pipeline/text_heading.c pipeline/text_meta.c pipeline/text_table.c pipeline/text_refs.c
noinst_HEADERS += pipeline/text_int.h pipeline/text_inline.h
