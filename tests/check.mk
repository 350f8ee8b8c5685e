# tests: check
