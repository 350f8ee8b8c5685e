liblitx_la_SOURCES += pipeline/check.c pipeline/cmd_check.c
noinst_HEADERS += pipeline/check.h
