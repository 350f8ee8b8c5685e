liblitx_la_SOURCES += pipeline/kb_process.c pipeline/kb_ids.c pipeline/kb_buf.c pipeline/kb_json.c pipeline/kb_jscan.c pipeline/kb_line.c pipeline/kb_clusters.c pipeline/kb_part.c pipeline/kb_csv.c pipeline/kb_write.c pipeline/kb_audit.c \
	pipeline/kb_state.c pipeline/workers.c pipeline/progress.c pipeline/cmd_run.c \
	pipeline/cmd_extract.c pipeline/cmd_merge.c
noinst_HEADERS += pipeline/kb_audit.h pipeline/kb_ids.h pipeline/kb_buf.h pipeline/kb_json.h pipeline/kb_jscan.h pipeline/kb_line.h pipeline/kb_clusters.h pipeline/kb_part.h pipeline/kb.h pipeline/kb_csv.h pipeline/kb_state.h pipeline/workers.h \
	pipeline/progress.h
