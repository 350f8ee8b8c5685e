# tests: jats
