TESTS += tests/kb_determinism.sh tests/kb_incremental.sh tests/kb_kill.sh tests/kb_lock.sh \
	tests/kb_shards.sh tests/kb_schema.sh
EXTRA_DIST += tests/kb_lib.sh tests/kb_determinism.sh tests/kb_incremental.sh tests/kb_kill.sh \
	tests/kb_lock.sh tests/kb_shards.sh tests/kb_schema.sh
