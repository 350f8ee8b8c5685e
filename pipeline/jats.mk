liblitx_la_SOURCES += pipeline/read_jats.c
