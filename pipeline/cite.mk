liblitx_la_SOURCES += pipeline/callout.c
noinst_HEADERS += pipeline/callout.h
