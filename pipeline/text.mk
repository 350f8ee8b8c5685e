liblitx_la_SOURCES += pipeline/read_text.c
