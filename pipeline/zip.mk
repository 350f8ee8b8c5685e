liblitx_la_SOURCES += pipeline/input_zip.c
