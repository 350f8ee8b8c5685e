# formula parser (litx/formula.h)
