# tests: text
