liblitx_la_SOURCES += pipeline/cmd_stubs.c
