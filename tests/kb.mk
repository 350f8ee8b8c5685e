# tests: kb
