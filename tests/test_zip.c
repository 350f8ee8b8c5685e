/* test_zip.c - zip input: archives are made at test time with libzip in a temporary
 * directory (and some headers patched by hand to lie), then listed and read with
 * litx_zip_list / litx_zip_read. Covers the happy path, skipped entries, refused
 * names, size and ratio caps, a header that lies about its size (zip bomb), a
 * truncated and a corrupt archive, encryption, unknown compression, and the entry
 * and total limits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <pthread.h>
#include <unistd.h>
#include <zip.h>
#include <cmocka.h>
#include "input.h"
#include "util.h"

/* ---- temporary files ---- */

static char tmp[256];

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	(void)state;
	const char *base = getenv("TMPDIR");
	snprintf(tmp, sizeof tmp, "%s/litx-zip-XXXXXX", base && *base ? base : "/tmp");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *tpath(const char *name)
{
	static char p[2][512];
	static int k;
	k ^= 1;
	snprintf(p[k], sizeof p[k], "%s/%s", tmp, name);
	return p[k];
}

/* ---- making archives ---- */

struct ent {
	const char *name;
	const void *data; /* NULL: a directory */
	size_t len;
	int method;       /* ZIP_CM_STORE or ZIP_CM_DEFLATE */
};

static void make_zip(const char *path, const struct ent *e, size_t n)
{
	int code = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		zip_int64_t idx;
		if (!e[i].data) {
			idx = zip_dir_add(za, e[i].name, ZIP_FL_ENC_UTF_8);
		} else {
			zip_source_t *src = zip_source_buffer(za, e[i].data, e[i].len, 0);
			assert_non_null(src);
			idx = zip_file_add(za, e[i].name, src, ZIP_FL_ENC_UTF_8);
			if (idx < 0)
				zip_source_free(src);
			else
				assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx,
							e[i].method, 1), 0);
		}
		if (idx < 0)
			fail_msg("cannot add %s: %s", e[i].name, zip_strerror(za));
	}
	if (zip_close(za))
		fail_msg("zip_close: %s", zip_strerror(za));
}

static uint32_t rd16(const unsigned char *p) { return p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const unsigned char *p) { return rd16(p) | rd16(p + 2) << 16; }
static void wr16(unsigned char *p, uint32_t v) { p[0] = v & 0xFF; p[1] = (v >> 8) & 0xFF; }
static void wr32(unsigned char *p, uint32_t v) { wr16(p, v & 0xFFFF); wr16(p + 2, v >> 16); }

enum patch_field { P_SIZE, P_FLAGS_OR, P_METHOD };

/* Rewrite a field of entry `name` in both its central directory record and its
 * local header, as a hostile archive would. Archives made here have no comment
 * and no zip64 records. */
static void patch(const char *path, const char *name, enum patch_field what, uint32_t v)
{
	size_t len;
	unsigned char *b = (unsigned char *)test_slurp(path, &len);
	assert_true(len >= 22);
	unsigned char *eocd = b + len - 22;
	assert_int_equal(rd32(eocd), 0x06054b50);
	size_t n = rd16(eocd + 10), off = rd32(eocd + 16);
	int done = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char *c = b + off;
		assert_int_equal(rd32(c), 0x02014b50);
		size_t nl = rd16(c + 28), xl = rd16(c + 30), cl = rd16(c + 32);
		if (nl == strlen(name) && memcmp(c + 46, name, nl) == 0) {
			unsigned char *l = b + rd32(c + 42);
			assert_int_equal(rd32(l), 0x04034b50);
			switch (what) {
			case P_SIZE: wr32(c + 24, v); wr32(l + 22, v); break;
			case P_FLAGS_OR: wr16(c + 8, rd16(c + 8) | v); wr16(l + 6, rd16(l + 6) | v); break;
			case P_METHOD: wr16(c + 10, v); wr16(l + 8, v); break;
			}
			done = 1;
		}
		off += 46 + nl + xl + cl;
	}
	assert_true(done);
	test_write_file(path, b, len);
	free(b);
}

/* ---- looking at items ---- */

static const litx_item *find(const litx_items *it, const char *source)
{
	for (size_t i = 0; i < it->n; i++)
		if (strcmp(it->v[i].source, source) == 0)
			return &it->v[i];
	return NULL;
}

static void list(const char *zipname, litx_items *it)
{
	litx_err err = { "", 0 };
	memset(it, 0, sizeof *it);
	assert_true(litx_is_zip(tpath(zipname)));
	assert_int_equal(litx_zip_list(it, tpath(zipname), zipname, &err), 0);
	litx_items_sort(it);
}

/* The item for `source` exists and its error holds `want` (NULL: no error). */
static void expect_item(const litx_items *it, const char *source, const char *want)
{
	const litx_item *x = find(it, source);
	if (!x)
		fail_msg("no item %s", source);
	if (!want) {
		if (x->error)
			fail_msg("%s: unexpected error: %s", source, x->error);
		return;
	}
	if (!x->error || !strstr(x->error, want))
		fail_msg("%s: error \"%s\" does not say \"%s\"", source, x->error ? x->error : "(none)",
			 want);
}

/* Reading entry `entry` of `zipname` fails with a message holding `want`. */
static void expect_read_error(const char *zipname, const char *entry, const char *want)
{
	char *buf = (char *)1;
	size_t len = 1;
	litx_err err = { "", 0 };
	assert_int_equal(litx_zip_read(tpath(zipname), entry, &buf, &len, &err), -1);
	assert_null(buf);
	assert_int_equal(len, 0);
	if (!strstr(err.msg, want))
		fail_msg("reading %s!/%s: \"%s\" does not say \"%s\"", zipname, entry, err.msg, want);
}

/* ---- tests ---- */

static void regular_entries(void **state)
{
	(void)state;
	static const char a[] = "Au25 clusters.\nSecond line.\n";
	static const char x[] = "<article><body/></article>";
	const struct ent e[] = {
		{ "a.txt", a, sizeof a - 1, ZIP_CM_DEFLATE },
		{ "sub/", NULL, 0, 0 },
		{ "sub/b.xml", x, sizeof x - 1, ZIP_CM_STORE },
		{ "__MACOSX/._a.txt", "junk", 4, ZIP_CM_STORE },
		{ ".DS_Store", "junk", 4, ZIP_CM_STORE },
		{ "sub/.hidden.txt", "junk", 4, ZIP_CM_STORE },
		{ ".git/config", "junk", 4, ZIP_CM_STORE },
		{ "inner.zip", "PK\3\4rest", 8, ZIP_CM_STORE },
		{ "dots..in.name.txt", a, sizeof a - 1, ZIP_CM_DEFLATE },
		{ "empty.txt", "", 0, ZIP_CM_STORE },
	};
	make_zip(tpath("t.zip"), e, sizeof e / sizeof *e);
	litx_items it;
	list("t.zip", &it);
	assert_int_equal(it.n, 5);
	/* sorted by source */
	assert_string_equal(it.v[0].source, "t.zip!/a.txt");
	assert_string_equal(it.v[1].source, "t.zip!/dots..in.name.txt");
	assert_string_equal(it.v[2].source, "t.zip!/empty.txt");
	assert_string_equal(it.v[3].source, "t.zip!/inner.zip");
	assert_string_equal(it.v[4].source, "t.zip!/sub/b.xml");
	expect_item(&it, "t.zip!/a.txt", NULL);
	expect_item(&it, "t.zip!/sub/b.xml", NULL);
	expect_item(&it, "t.zip!/inner.zip", "nested archives are not read");
	assert_string_equal(it.v[0].entry, "a.txt");
	assert_string_equal(it.v[0].path, tpath("t.zip"));

	/* each item reads back exactly, NUL-terminated, through litx_item_read too */
	char *buf;
	size_t len;
	litx_err err = { "", 0 };
	assert_int_equal(litx_item_read(&it.v[0], &buf, &len, &err), 0);
	assert_int_equal(len, sizeof a - 1);
	assert_memory_equal(buf, a, len);
	assert_int_equal(buf[len], '\0');
	free(buf);
	assert_int_equal(litx_zip_read(tpath("t.zip"), "sub/b.xml", &buf, &len, &err), 0);
	assert_string_equal(buf, x);
	free(buf);
	assert_int_equal(litx_item_read(&it.v[2], &buf, &len, &err), 0);
	assert_int_equal(len, 0);
	assert_string_equal(buf, "");
	free(buf);
	assert_int_equal(litx_item_read(&it.v[3], &buf, &len, &err), -1);
	assert_non_null(strstr(err.msg, "nested archives are not read"));
	litx_items_free(&it);

	expect_read_error("t.zip", "missing.txt", "no entry named 'missing.txt'");
	expect_read_error("t.zip", "inner.zip", "nested archives are not read");
}

/* Content, not the name, tells a nested archive at read time. */
static void nested_by_content(void **state)
{
	(void)state;
	static const char a[] = "plain text";
	const struct ent inner[] = { { "a.txt", a, sizeof a - 1, ZIP_CM_DEFLATE } };
	make_zip(tpath("inner.zip"), inner, 1);
	size_t len;
	unsigned char *z = (unsigned char *)test_slurp(tpath("inner.zip"), &len);
	const struct ent outer[] = { { "data.bin", z, len, ZIP_CM_STORE } };
	make_zip(tpath("outer.zip"), outer, 1);
	free(z);
	litx_items it;
	list("outer.zip", &it);
	assert_int_equal(it.n, 1);
	expect_item(&it, "outer.zip!/data.bin", NULL);
	litx_items_free(&it);
	expect_read_error("outer.zip", "data.bin", "nested archives are not read");
}

static void refused_names(void **state)
{
	(void)state;
	static const char d[] = "evil";
	const struct ent e[] = {
		{ "../x", d, 4, ZIP_CM_STORE },
		{ "/abs", d, 4, ZIP_CM_STORE },
		{ "a/../../x", d, 4, ZIP_CM_STORE },
		{ "sub/..", d, 4, ZIP_CM_STORE },
		{ "..\\win", d, 4, ZIP_CM_STORE },
		{ "C:/win.txt", d, 4, ZIP_CM_STORE },
		{ "ok.txt", d, 4, ZIP_CM_STORE },
	};
	make_zip(tpath("evil.zip"), e, sizeof e / sizeof *e);
	litx_items it;
	list("evil.zip", &it);
	assert_int_equal(it.n, 7);
	expect_item(&it, "evil.zip!/../x", "'..'");
	expect_item(&it, "evil.zip!//abs", "absolute path");
	expect_item(&it, "evil.zip!/a/../../x", "'..'");
	expect_item(&it, "evil.zip!/sub/..", "'..'");
	expect_item(&it, "evil.zip!/..\\win", "'..'");
	expect_item(&it, "evil.zip!/C:/win.txt", "absolute path");
	expect_item(&it, "evil.zip!/ok.txt", NULL);
	/* an item that carries an error reads as that error */
	litx_err err = { "", 0 };
	char *buf;
	size_t len;
	assert_int_equal(litx_item_read(find(&it, "evil.zip!/../x"), &buf, &len, &err), -1);
	assert_non_null(strstr(err.msg, "refused"));
	litx_items_free(&it);
	/* reading refuses such names on its own too */
	expect_read_error("evil.zip", "../x", "'..'");
	expect_read_error("evil.zip", "/abs", "absolute path");
}

/* 70 MB of zeros deflate to ~70 KB: refused by the size cap, at listing and reading. */
static void size_cap(void **state)
{
	(void)state;
	size_t big = (size_t)70 << 20;
	char *zeros = calloc(1, big);
	assert_non_null(zeros);
	const struct ent e[] = {
		{ "bomb.txt", zeros, big, ZIP_CM_DEFLATE },
		{ "ok.txt", "fine", 4, ZIP_CM_DEFLATE },
	};
	make_zip(tpath("bomb.zip"), e, 2);
	free(zeros);
	size_t zlen;
	free(test_slurp(tpath("bomb.zip"), &zlen));
	assert_true(zlen < ((size_t)1 << 20));
	litx_items it;
	list("bomb.zip", &it);
	assert_int_equal(it.n, 2);
	char want[64];
	snprintf(want, sizeof want, "over the %zu-byte limit", LITX_ZIP_MAX_ENTRY_BYTES);
	expect_item(&it, "bomb.zip!/bomb.txt", want);
	expect_item(&it, "bomb.zip!/bomb.txt", "73400320 bytes");
	expect_item(&it, "bomb.zip!/ok.txt", NULL);
	litx_items_free(&it);
	expect_read_error("bomb.zip", "bomb.txt", want);
}

/* Under the size cap but compressed too well: refused by the ratio; a small
 * repetitive file is not. */
static void ratio_cap(void **state)
{
	(void)state;
	size_t n = (size_t)2 << 20, small = 100000;
	char *zeros = calloc(1, n);
	assert_non_null(zeros);
	const struct ent e[] = {
		{ "zeros.txt", zeros, n, ZIP_CM_DEFLATE },
		{ "small.txt", zeros, small, ZIP_CM_DEFLATE },
	};
	make_zip(tpath("ratio.zip"), e, 2);
	litx_items it;
	list("ratio.zip", &it);
	assert_int_equal(it.n, 2);
	expect_item(&it, "ratio.zip!/zeros.txt", "ratio over 200");
	expect_item(&it, "ratio.zip!/small.txt", NULL);
	litx_items_free(&it);
	expect_read_error("ratio.zip", "zeros.txt", "zip bomb");
	char *buf;
	size_t len;
	litx_err err = { "", 0 };
	assert_int_equal(litx_zip_read(tpath("ratio.zip"), "small.txt", &buf, &len, &err), 0);
	assert_int_equal(len, small);
	assert_memory_equal(buf, zeros, small);
	free(buf);
	free(zeros);
}

/* A header that declares 1000 bytes for 2 MB of deflated zeros: listing cannot know,
 * reading stops as soon as the inflated bytes pass what was declared. */
static void lying_header(void **state)
{
	(void)state;
	size_t n = (size_t)2 << 20;
	char *zeros = calloc(1, n);
	assert_non_null(zeros);
	const struct ent e[] = { { "liar.txt", zeros, n, ZIP_CM_DEFLATE } };
	make_zip(tpath("liar.zip"), e, 1);
	free(zeros);
	patch(tpath("liar.zip"), "liar.txt", P_SIZE, 1000);
	litx_items it;
	list("liar.zip", &it);
	assert_int_equal(it.n, 1);
	expect_item(&it, "liar.zip!/liar.txt", NULL);
	litx_items_free(&it);
	expect_read_error("liar.zip", "liar.txt", "inflates past the 1000 bytes it declares");
}

static void truncated_and_corrupt(void **state)
{
	(void)state;
	char text[4000];
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = (char)('a' + (i * 7 + i / 13) % 26);
	const struct ent e[] = {
		{ "one.txt", text, sizeof text, ZIP_CM_DEFLATE },
		{ "two.txt", text, sizeof text, ZIP_CM_STORE },
	};
	make_zip(tpath("whole.zip"), e, 2);
	size_t len;
	unsigned char *b = (unsigned char *)test_slurp(tpath("whole.zip"), &len);
	/* cut in half: one error item for the archive, with libzip's word */
	test_write_file(tpath("cut.zip"), b, len / 2);
	litx_items it;
	list("cut.zip", &it);
	assert_int_equal(it.n, 1);
	assert_string_equal(it.v[0].source, "cut.zip");
	assert_null(it.v[0].entry);
	expect_item(&it, "cut.zip", "truncated");
	expect_item(&it, "cut.zip", "Not a zip archive");
	litx_items_free(&it);
	expect_read_error("cut.zip", "one.txt", "Not a zip archive");

	/* the central directory intact, the stored data of two.txt damaged: the CRC
	 * check fails when it is read */
	unsigned char *p = memmem(b + 30, len - 30, text, 64);
	assert_non_null(p);
	p = memmem(p + 1, len - (size_t)(p + 1 - b), text, 64); /* two.txt is stored */
	assert_non_null(p);
	p[10] ^= 0x55;
	test_write_file(tpath("bad.zip"), b, len);
	free(b);
	list("bad.zip", &it);
	assert_int_equal(it.n, 2);
	expect_item(&it, "bad.zip!/two.txt", NULL);
	litx_items_free(&it);
	expect_read_error("bad.zip", "two.txt", "CRC");

	/* not a zip at all, though it starts like one */
	test_write_file(tpath("fake.zip"), "PK\3\4 and then nothing", 21);
	list("fake.zip", &it);
	assert_int_equal(it.n, 1);
	expect_item(&it, "fake.zip", "cannot read the zip archive");
	litx_items_free(&it);
}

static void encrypted_and_unknown_method(void **state)
{
	(void)state;
	const struct ent e[] = {
		{ "secret.txt", "hidden words", 12, ZIP_CM_STORE },
		{ "odd.txt", "odd method", 10, ZIP_CM_STORE },
		{ "plain.txt", "plain words", 11, ZIP_CM_STORE },
	};
	make_zip(tpath("enc.zip"), e, 3);
	patch(tpath("enc.zip"), "secret.txt", P_FLAGS_OR, 1); /* the "encrypted" bit */
	patch(tpath("enc.zip"), "odd.txt", P_METHOD, 97);
	litx_items it;
	list("enc.zip", &it);
	assert_int_equal(it.n, 3);
	expect_item(&it, "enc.zip!/secret.txt", "encrypted");
	expect_item(&it, "enc.zip!/odd.txt", "compression method 97");
	expect_item(&it, "enc.zip!/plain.txt", NULL);
	litx_items_free(&it);
	expect_read_error("enc.zip", "secret.txt", "encrypted");
	expect_read_error("enc.zip", "odd.txt", "compression method 97");
}

/* Declared sizes past LITX_ZIP_MAX_TOTAL_BYTES: entries of 60 MiB each (stored
 * 320 KiB, headers patched; the ratio stays under the cap) - the 35th passes the
 * 2 GiB total, it and the rest become one error item. */
static void total_cap(void **state)
{
	(void)state;
	const size_t n = 36, real = (size_t)320 << 10;
	const uint32_t declared = (uint32_t)60 << 20;
	char *data = malloc(real);
	assert_non_null(data);
	for (size_t i = 0; i < real; i++)
		data[i] = (char)(i * 2654435761u >> 24);
	struct ent e[36];
	char names[36][16];
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "e%02zu.txt", i);
		e[i] = (struct ent){ names[i], data, real, ZIP_CM_STORE };
	}
	make_zip(tpath("total.zip"), e, n);
	free(data);
	for (size_t i = 0; i < n; i++)
		patch(tpath("total.zip"), names[i], P_SIZE, declared);
	litx_items it;
	list("total.zip", &it);
	size_t fit = LITX_ZIP_MAX_TOTAL_BYTES / declared;
	assert_int_equal(fit, 34);
	assert_int_equal(it.n, fit + 1);
	for (size_t i = 0; i < fit; i++)
		assert_null(it.v[i].error);
	expect_item(&it, "total.zip!/e34.txt", "this entry and the 1 after it are not read");
	assert_null(find(&it, "total.zip!/e35.txt"));
	litx_items_free(&it);
}

static void wr64(unsigned char *p, uint64_t v) { wr32(p, v & 0xFFFFFFFF); wr32(p + 4, v >> 32); }

/* More than LITX_ZIP_MAX_ENTRIES entries: the rest is one error item. The archive
 * (empty stored entries, zip64 end records) is written by hand: libzip takes half a
 * minute under valgrind to make it. */
static void entry_cap(void **state)
{
	(void)state;
	const size_t n = LITX_ZIP_MAX_ENTRIES + 2, nl = 12; /* "d/000000.txt" */
	const size_t loc = 30 + nl, cen = 46 + nl;
	size_t size = n * (loc + cen) + 56 + 20 + 22;
	unsigned char *b = calloc(1, size);
	assert_non_null(b);
	unsigned char *l = b, *c = b + n * loc;
	for (size_t i = 0; i < n; i++, l += loc, c += cen) {
		char name[16];
		snprintf(name, sizeof name, "d/%06zu.txt", i);
		wr32(l, 0x04034b50);
		wr16(l + 4, 20);
		wr16(l + 12, 0x21);            /* 1980-01-01 */
		wr16(l + 26, (uint32_t)nl);
		memcpy(l + 30, name, nl);
		wr32(c, 0x02014b50);
		wr16(c + 4, 20);
		wr16(c + 6, 20);
		wr16(c + 14, 0x21);
		wr16(c + 28, (uint32_t)nl);
		wr32(c + 42, (uint32_t)(l - b)); /* the local header */
		memcpy(c + 46, name, nl);
	}
	size_t cd_off = n * loc, cd_size = n * cen;
	unsigned char *e64 = c, *lo = c + 56, *e = lo + 20;
	wr32(e64, 0x06064b50);
	wr64(e64 + 4, 44);
	wr16(e64 + 12, 45);
	wr16(e64 + 14, 45);
	wr64(e64 + 24, n);
	wr64(e64 + 32, n);
	wr64(e64 + 40, cd_size);
	wr64(e64 + 48, cd_off);
	wr32(lo, 0x07064b50);
	wr64(lo + 8, (uint64_t)(e64 - b));
	wr32(lo + 16, 1);
	wr32(e, 0x06054b50);
	wr16(e + 8, 0xFFFF);
	wr16(e + 10, 0xFFFF);
	wr32(e + 12, (uint32_t)cd_size);
	wr32(e + 16, (uint32_t)cd_off);
	test_write_file(tpath("many.zip"), b, size);
	free(b);
	litx_items it;
	list("many.zip", &it);
	assert_int_equal(it.n, LITX_ZIP_MAX_ENTRIES + 1);
	char src[64];
	snprintf(src, sizeof src, "many.zip!/d/%06d.txt", LITX_ZIP_MAX_ENTRIES);
	expect_item(&it, src, "this entry and the 1 after it are not read");
	assert_null(it.v[0].error);
	assert_string_equal(it.v[0].source, "many.zip!/d/000000.txt");
	litx_items_free(&it);
	/* and an entry of it reads (empty) */
	char *buf;
	size_t len;
	litx_err err = { "", 0 };
	assert_int_equal(litx_zip_read(tpath("many.zip"), "d/000007.txt", &buf, &len, &err), 0);
	assert_int_equal(len, 0);
	free(buf);
}

static void empty_archive(void **state)
{
	(void)state;
	make_zip(tpath("empty.zip"), NULL, 0);
	/* libzip writes nothing for an archive without entries; make the 22-byte end
	 * record an empty archive is */
	static const unsigned char eocd[22] = { 'P', 'K', 5, 6 };
	test_write_file(tpath("empty.zip"), eocd, sizeof eocd);
	const struct ent e[] = {
		{ "dir/", NULL, 0, 0 },
		{ "__MACOSX/._x", "junk", 4, ZIP_CM_STORE },
	};
	make_zip(tpath("junk.zip"), e, 2);
	const char *names[] = { "empty.zip", "junk.zip" };
	for (int i = 0; i < 2; i++) {
		litx_items it;
		list(names[i], &it);
		assert_int_equal(it.n, 1);
		expect_item(&it, names[i], "holds nothing to read");
		litx_items_free(&it);
	}
}

/* Reads reuse the archive a thread opened last, but never a stale one: an archive
 * rewritten at the same path is read anew. */
static void reread_after_rewrite(void **state)
{
	(void)state;
	const struct ent v1[] = { { "a.txt", "first version", 13, ZIP_CM_DEFLATE } };
	const struct ent v2[] = { { "a.txt", "second version!", 15, ZIP_CM_DEFLATE },
				  { "b.txt", "new entry", 9, ZIP_CM_STORE } };
	char *buf;
	size_t len;
	litx_err err = { "", 0 };
	make_zip(tpath("again.zip"), v1, 1);
	assert_int_equal(litx_zip_read(tpath("again.zip"), "a.txt", &buf, &len, &err), 0);
	assert_string_equal(buf, "first version");
	free(buf);
	make_zip(tpath("again.zip"), v2, 2);
	assert_int_equal(litx_zip_read(tpath("again.zip"), "a.txt", &buf, &len, &err), 0);
	assert_string_equal(buf, "second version!");
	free(buf);
	assert_int_equal(litx_zip_read(tpath("again.zip"), "b.txt", &buf, &len, &err), 0);
	assert_string_equal(buf, "new entry");
	free(buf);
	/* gone: the cached handle must not answer for it */
	assert_int_equal(unlink(tpath("again.zip")), 0);
	expect_read_error("again.zip", "a.txt", "cannot read the zip archive");
}

/* Several threads read the same archives at once; each keeps its own handle. */
#define N_THREADS 4
#define N_FILES 20

static void *reader(void *arg)
{
	const char *const *paths = arg;
	for (int round = 0; round < 10; round++)
		for (int a = 0; a < 2; a++)
			for (int i = 0; i < N_FILES; i++) {
				char name[16], want[32], *buf;
				size_t len;
				litx_err err = { "", 0 };
				snprintf(name, sizeof name, "f%02d.txt", i);
				snprintf(want, sizeof want, "archive %d file %02d", a, i);
				if (litx_zip_read(paths[a], name, &buf, &len, &err))
					return (void *)1;
				int bad = strcmp(buf, want) != 0;
				free(buf);
				if (bad)
					return (void *)1;
			}
	return NULL;
}

static void threads(void **state)
{
	(void)state;
	static char data[2][N_FILES][32];
	char paths[2][512];
	for (int a = 0; a < 2; a++) {
		struct ent e[N_FILES];
		char names[N_FILES][16];
		for (int i = 0; i < N_FILES; i++) {
			snprintf(names[i], sizeof names[i], "f%02d.txt", i);
			snprintf(data[a][i], sizeof data[a][i], "archive %d file %02d", a, i);
			e[i] = (struct ent){ names[i], data[a][i], strlen(data[a][i]), ZIP_CM_DEFLATE };
		}
		char zn[16];
		snprintf(zn, sizeof zn, "thr%d.zip", a);
		snprintf(paths[a], sizeof paths[a], "%s", tpath(zn));
		make_zip(paths[a], e, N_FILES);
	}
	const char *p[2] = { paths[0], paths[1] };
	pthread_t th[N_THREADS];
	for (int i = 0; i < N_THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, reader, (void *)p), 0);
	for (int i = 0; i < N_THREADS; i++) {
		void *rv = (void *)2;
		assert_int_equal(pthread_join(th[i], &rv), 0);
		assert_null(rv);
	}
}

static void is_zip(void **state)
{
	(void)state;
	test_write_file(tpath("text.zip"), "just text, named .zip", 21);
	assert_false(litx_is_zip(tpath("text.zip")));
	test_write_file(tpath("short"), "PK", 2);
	assert_false(litx_is_zip(tpath("short")));
	assert_false(litx_is_zip(tpath("does-not-exist")));
	test_write_file(tpath("sig"), "PK\3\4", 4);
	assert_true(litx_is_zip(tpath("sig")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(regular_entries),
		cmocka_unit_test(nested_by_content),
		cmocka_unit_test(refused_names),
		cmocka_unit_test(size_cap),
		cmocka_unit_test(ratio_cap),
		cmocka_unit_test(lying_header),
		cmocka_unit_test(truncated_and_corrupt),
		cmocka_unit_test(encrypted_and_unknown_method),
		cmocka_unit_test(total_cap),
		cmocka_unit_test(entry_cap),
		cmocka_unit_test(empty_archive),
		cmocka_unit_test(reread_after_rewrite),
		cmocka_unit_test(threads),
		cmocka_unit_test(is_zip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
