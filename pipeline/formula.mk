liblitx_la_SOURCES += pipeline/formula.c
