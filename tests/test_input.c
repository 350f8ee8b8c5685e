/* test_input.c - turning command-line arguments into sources: a directory walk gives
 * sources relative to the directory, skips hidden files and directories and special
 * files, opens zips in place, and comes out sorted and the same every time; a file
 * named directly is its base name; a missing argument is an error naming it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <cmocka.h>
#include "input.h"

static char tmp[256];

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static char *tpath(const char *name)
{
	static char p[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmp, name);
	return p[k];
}

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(tpath(name), "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The tree every test walks:
 *   root/a.txt  root/b.xml  root/sub/c.txt  root/sub/deeper/d.nxml  root/z.zip
 * plus what must be skipped: hidden files and directories, a FIFO, a symbolic link
 * back to an ancestor, notes and data files (README, .tsv, .png). */
static int setup(void **state)
{
	(void)state;
	const char *base = getenv("TMPDIR");
	snprintf(tmp, sizeof tmp, "%s/litx-input-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmp))
		return -1;
	const char *dirs[] = { "root", "root/sub", "root/sub/deeper", "root/.hiddendir",
			       "root/empty" };
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
		if (mkdir(tpath(dirs[i]), 0755))
			return -1;
	write_file("root/a.txt", "A text.\n");
	write_file("root/b.xml", "<article/>\n");
	write_file("root/sub/c.txt", "C text.\n");
	write_file("root/sub/deeper/d.nxml", "<article/>\n");
	write_file("root/.hidden.txt", "hidden\n");
	write_file("root/.hiddendir/e.txt", "hidden\n");
	write_file("root/sub/.x", "hidden\n");
	if (mkfifo(tpath("root/sub/pipe"), 0644))
		return -1;
	/* a link back to an ancestor (a loop) is not followed */
	if (symlink("..", tpath("root/sub/deeper/up")))
		return -1;
	/* the notes and data files that sit beside a corpus are not articles */
	write_file("root/README.md", "notes\n");
	write_file("root/sub/MANIFEST.tsv", "a\tb\n");
	write_file("root/sub/figure.png", "\x89PNG");
	int code;
	zip_t *za = zip_open(tpath("root/z.zip"), ZIP_CREATE | ZIP_TRUNCATE, &code);
	if (!za)
		return -1;
	zip_source_t *s1 = zip_source_buffer(za, "zipped text\n", 12, 0);
	zip_source_t *s2 = zip_source_buffer(za, "junk", 4, 0);
	if (!s1 || !s2 || zip_file_add(za, "in.txt", s1, 0) < 0 ||
	    zip_file_add(za, "__MACOSX/._in.txt", s2, 0) < 0 || zip_close(za))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *const want_sources[] = {
	"a.txt", "b.xml", "sub/c.txt", "sub/deeper/d.nxml", "z.zip!/in.txt",
};
#define N_WANT (sizeof want_sources / sizeof *want_sources)

static void collect(const char *arg, litx_items *it)
{
	litx_err err = { "", 0 };
	memset(it, 0, sizeof *it);
	if (litx_items_collect(it, arg, &err))
		fail_msg("collect %s: %s", arg, err.msg);
	litx_items_sort(it);
}

static void walk_directory(void **state)
{
	(void)state;
	litx_items it;
	collect(tpath("root"), &it);
	assert_int_equal(it.n, N_WANT);
	for (size_t i = 0; i < N_WANT; i++) {
		assert_string_equal(it.v[i].source, want_sources[i]);
		assert_null(it.v[i].error);
	}
	/* paths lead to the files; zip entries keep the archive path and the entry */
	assert_string_equal(it.v[2].path, tpath("root/sub/c.txt"));
	assert_null(it.v[2].entry);
	assert_string_equal(it.v[4].path, tpath("root/z.zip"));
	assert_string_equal(it.v[4].entry, "in.txt");
	char *buf;
	size_t len;
	litx_err err = { "", 0 };
	assert_int_equal(litx_item_read(&it.v[2], &buf, &len, &err), 0);
	assert_string_equal(buf, "C text.\n");
	assert_int_equal(len, 8);
	free(buf);
	assert_int_equal(litx_item_read(&it.v[4], &buf, &len, &err), 0);
	assert_string_equal(buf, "zipped text\n");
	free(buf);
	litx_items_free(&it);
	assert_int_equal(it.n, 0);
	assert_null(it.v);
}

/* The same tree gives the same list, however it is named and how often. */
static void walk_deterministic(void **state)
{
	(void)state;
	litx_items a, b;
	collect(tpath("root"), &a);
	collect(tpath("root/"), &b);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.v[i].source, b.v[i].source);
		assert_string_equal(a.v[i].path, b.v[i].path);
	}
	litx_items_free(&b);
	/* the same directory named twice: duplicates dropped after sorting */
	litx_err err = { "", 0 };
	memset(&b, 0, sizeof b);
	assert_int_equal(litx_items_collect(&b, tpath("root"), &err), 0);
	assert_int_equal(litx_items_collect(&b, tpath("root"), &err), 0);
	assert_int_equal(b.n, 2 * N_WANT);
	litx_items_sort(&b);
	assert_int_equal(b.n, N_WANT);
	for (size_t i = 0; i < b.n; i++)
		assert_string_equal(a.v[i].source, b.v[i].source);
	litx_items_free(&a);
	litx_items_free(&b);
}

/* A relative argument gives relative sources as well. */
static void walk_relative(void **state)
{
	(void)state;
	char cwd[1024];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(tmp), 0);
	litx_items it;
	collect("root/sub", &it);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(it.n, 2);
	assert_string_equal(it.v[0].source, "c.txt");
	assert_string_equal(it.v[0].path, "root/sub/c.txt");
	assert_string_equal(it.v[1].source, "deeper/d.nxml");
	litx_items_free(&it);
}

static void named_directly(void **state)
{
	(void)state;
	litx_items it;
	collect(tpath("root/sub/c.txt"), &it);
	assert_int_equal(it.n, 1);
	assert_string_equal(it.v[0].source, "c.txt");
	assert_string_equal(it.v[0].path, tpath("root/sub/c.txt"));
	litx_items_free(&it);
	/* a hidden file named on purpose is read */
	collect(tpath("root/.hidden.txt"), &it);
	assert_int_equal(it.n, 1);
	assert_string_equal(it.v[0].source, ".hidden.txt");
	litx_items_free(&it);
	collect(tpath("root/z.zip"), &it);
	assert_int_equal(it.n, 1);
	assert_string_equal(it.v[0].source, "z.zip!/in.txt");
	litx_items_free(&it);
	collect(tpath("root/empty"), &it);
	assert_int_equal(it.n, 0);
	litx_items_free(&it);
	/* a data file named on purpose is read too */
	collect(tpath("root/sub/MANIFEST.tsv"), &it);
	assert_int_equal(it.n, 1);
	litx_items_free(&it);
	/* a relative path names itself, without a leading "./" */
	char cwd[1024];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(tmp), 0);
	collect("./root/sub/c.txt", &it);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(it.n, 1);
	assert_string_equal(it.v[0].source, "root/sub/c.txt");
	litx_items_free(&it);
}

/* A link to a directory that is not an ancestor is walked like a directory; inside
 * it, deeper/up leads to sub, walked once more, and stops at deeper (now an
 * ancestor). */
static void sibling_link(void **state)
{
	(void)state;
	assert_int_equal(symlink("sub/deeper", tpath("root/alias")), 0);
	litx_items it;
	collect(tpath("root"), &it);
	assert_int_equal(unlink(tpath("root/alias")), 0);
	assert_int_equal(it.n, N_WANT + 2);
	assert_string_equal(it.v[0].source, "a.txt");
	assert_string_equal(it.v[1].source, "alias/d.nxml");
	assert_string_equal(it.v[2].source, "alias/up/c.txt");
	litx_items_free(&it);
}

static void missing_argument(void **state)
{
	(void)state;
	litx_items it = { 0 };
	litx_err err = { "", 0 };
	const char *p = tpath("root/nope.txt");
	assert_int_equal(litx_items_collect(&it, p, &err), -1);
	assert_non_null(strstr(err.msg, p));
	assert_non_null(strstr(err.msg, "No such file"));
	assert_int_equal(it.n, 0);
	litx_items_free(&it);
	/* a file that vanished between listing and reading */
	write_file("gone.txt", "x");
	collect(tpath("gone.txt"), &it);
	assert_int_equal(unlink(tpath("gone.txt")), 0);
	char *buf = (char *)1;
	size_t len;
	assert_int_equal(litx_item_read(&it.v[0], &buf, &len, &err), -1);
	assert_null(buf);
	assert_non_null(strstr(err.msg, "cannot open"));
	litx_items_free(&it);
}

static void items_add(void **state)
{
	(void)state;
	litx_items it = { 0 };
	for (int i = 0; i < 200; i++) {
		char src[16];
		snprintf(src, sizeof src, "s%03d", 199 - i);
		assert_int_equal(litx_items_add(&it, src, "p", i % 2 ? "e" : NULL,
						i % 3 ? NULL : "bad", (uint32_t)i), 0);
	}
	litx_items_sort(&it);
	assert_int_equal(it.n, 200);
	for (size_t i = 1; i < it.n; i++)
		assert_true(strcmp(it.v[i - 1].source, it.v[i].source) < 0);
	/* an item with an error reads as that error, with its line */
	const litx_item *x = &it.v[199 - 3];
	assert_string_equal(x->error, "bad");
	char *buf;
	size_t len;
	litx_err err = { "", 0 };
	assert_int_equal(litx_item_read(x, &buf, &len, &err), -1);
	assert_string_equal(err.msg, "bad");
	assert_int_equal(err.line, 3);
	litx_items_free(&it);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(walk_directory),
		cmocka_unit_test(walk_deterministic),
		cmocka_unit_test(walk_relative),
		cmocka_unit_test(named_directly),
		cmocka_unit_test(sibling_link),
		cmocka_unit_test(missing_argument),
		cmocka_unit_test(items_add),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
