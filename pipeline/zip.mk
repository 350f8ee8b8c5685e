# zip input: .zip archives listed and read in place with libzip (pipeline/input_zip.c)
liblitx_la_SOURCES += pipeline/input_zip.c
