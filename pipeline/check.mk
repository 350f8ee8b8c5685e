liblitx_la_SOURCES += pipeline/check.c pipeline/check_count.c pipeline/check_formula.c \
	pipeline/check_table.c pipeline/check_rows.c pipeline/check_cross.c pipeline/check_refs.c \
	pipeline/check_text.c pipeline/check_ratio.c pipeline/check_electrons.c \
	pipeline/check_values.c pipeline/check_spelling.c pipeline/check_report.c pipeline/cmd_check.c
liblitx_la_LIBADD += -lm
noinst_HEADERS += pipeline/check.h pipeline/check_int.h
