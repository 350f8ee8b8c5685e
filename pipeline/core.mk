liblitx_la_SOURCES += pipeline/arena.c pipeline/tbuf.c pipeline/docb.c pipeline/text_query.c \
	pipeline/load.c pipeline/input.c pipeline/host.c pipeline/rec_locate.c pipeline/dump.c pipeline/sentence_index.c pipeline/pattern.c \
	pipeline/cmd_dump.c pipeline/cmd_plugins.c pipeline/unichar.c pipeline/script_squeeze.c
noinst_HEADERS += pipeline/hash.h pipeline/swar.h pipeline/simd.h pipeline/byte_index.h pipeline/sentence_index.h pipeline/arena.h pipeline/tbuf.h pipeline/docb.h pipeline/readers.h \
	pipeline/input.h pipeline/host.h pipeline/dump.h pipeline/commands.h pipeline/unichar.h \
	pipeline/script_squeeze.h
