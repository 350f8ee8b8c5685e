# tests: metrics
