# The formula parser: parse (formula_parse.c) -> interpret (formula_interp.c) ->
# JSON and canonical spelling (formula.c); element and abbreviation tables beside.
liblitx_la_SOURCES += pipeline/formula.c pipeline/formula_parse.c pipeline/formula_interp.c \
	pipeline/formula_elem.c pipeline/formula_elem_data.c pipeline/formula_abbrev.c \
	pipeline/formula_seq.c
noinst_HEADERS += pipeline/formula_int.h pipeline/formula_elem.h pipeline/formula_abbrev.h
