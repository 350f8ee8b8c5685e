# core: citation callouts (callout*.c) and the reference-entry parser (refparse.c)
liblitx_la_SOURCES += pipeline/callout.c pipeline/callout_sup.c pipeline/callout_text.c \
	pipeline/callout_ay.c pipeline/refparse.c
noinst_HEADERS += pipeline/callout.h pipeline/refparse.h
