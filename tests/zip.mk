# tests: zip
