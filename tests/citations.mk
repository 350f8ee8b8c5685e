# tests: citations
