# tests: formula
