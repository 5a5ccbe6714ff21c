/* SPDX-License-Identifier: ISC */
/*
 * smpbench: figures for the performance targets of smpscreen (not a test; `make bench`).
 *
 *   smpbench load QN RULES N    load and validate the questionnaire and rules N times; mean,
 *                               median and minimum milliseconds per iteration
 *   smpbench screen QN RULES DIR
 *                               every *.cfg in DIR: answers_load, outcome_compute and a text
 *                               report, then again with a JSON report; files per second
 *   smpbench file questionnaire FILE N
 *   smpbench file rules QN FILE N
 *                               load one (large) file N times, whether it loads or not;
 *                               median, minimum and maximum milliseconds, peak memory
 *
 * Results are printed as `key=value` words on one line per mode, for bench/run.sh. Times
 * are wall-clock (CLOCK_MONOTONIC) on one thread. Every answer file must load: one that
 * does not makes the run fail, since a benchmark of error paths would mean nothing.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "smpscreen/answers.h"
#include "smpscreen/date.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/report.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/* A fixed screening date keeps come-back dates, and so the work done, repeatable. */
#define BENCH_TODAY "2026-01-15"
/* Diagnostics of at most this many failing answer files are printed in full. */
#define MAX_FAILED_SHOWN 10

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of the process: on a shared machine it varies less than the wall clock. */
static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* "\r screened 3000/10000" on stderr every 1000 files, once a pass has run for a second,
 * and only when stderr is a terminal. */
struct progress {
	bool tty, shown;
	const char *what;
	double start;
};

static void
progress_start(struct progress *p, const char *what)
{
	p->tty = isatty(STDERR_FILENO) == 1;
	p->shown = false;
	p->what = what;
	p->start = now_ms();
}

static void
progress_step(struct progress *p, size_t done, size_t total)
{
	if (!p->tty || done % 1000 != 0 || done == 0 || now_ms() - p->start < 1000.0)
		return;
	fprintf(stderr, "\r %s %zu/%zu", p->what, done, total);
	fflush(stderr);
	p->shown = true;
}

static void
progress_end(struct progress *p)
{
	if (p->shown)
		fprintf(stderr, "\r%60s\r", "");
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads questionnaire, rules and default settings; prints diagnostics and returns -1 on
 * failure. On success the caller frees all three. */
static int
load_base(const char *qn_path, const char *rules_path, struct questionnaire **qn,
    struct ruleset **rs, struct settings *st)
{
	struct diag_list dl = { 0 };
	int rc = -1;

	*qn = NULL;
	*rs = NULL;
	if (questionnaire_load(qn, qn_path, &dl) != 0)
		goto out;
	if (rules_load(rs, rules_path, *qn, &dl) != 0)
		goto out;
	settings_init(st, &(*rs)->settings);
	rc = 0;
out:
	if (rc != 0)
		diag_print(&dl, stderr);
	diag_clear(&dl);
	if (rc != 0) {
		rules_free(*rs);
		questionnaire_free(*qn);
		*rs = NULL;
		*qn = NULL;
	}
	return rc;
}

static long
parse_count(const char *count)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(count, &end, 10);
	if (*end != '\0' || errno != 0 || n < 1 || n > 10000000) {
		fprintf(stderr, "smpbench: N must be a whole number from 1, not '%s'\n", count);
		return -1;
	}
	return n;
}

static int
bench_load(const char *qn_path, const char *rules_path, const char *count)
{
	struct questionnaire *qn;
	struct ruleset *rs;
	struct settings st;
	struct progress pr;
	double *ms, t0, sum = 0;
	size_t nq = 0, nr = 0, i;
	long n;

	if ((n = parse_count(count)) < 0)
		return 2;
	ms = xcalloc((size_t)n, sizeof *ms);
	progress_start(&pr, "loaded");
	for (i = 0; i < (size_t)n; i++) {
		t0 = now_ms();
		if (load_base(qn_path, rules_path, &qn, &rs, &st) != 0) {
			progress_end(&pr);
			fprintf(stderr, "smpbench: the questionnaire or rules did not load\n");
			free(ms);
			return 1;
		}
		ms[i] = now_ms() - t0;
		sum += ms[i];
		nq = qn->n_questions;
		nr = rs->n_rules;
		settings_free(&st);
		rules_free(rs);
		questionnaire_free(qn);
		progress_step(&pr, i + 1, (size_t)n);
	}
	progress_end(&pr);
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	printf("load: iterations=%ld mean_ms=%.3f median_ms=%.3f min_ms=%.3f questions=%zu "
	       "rules=%zu\n",
	    n, sum / (double)n, ms[n / 2], ms[0], nq, nr);
	free(ms);
	return 0;
}

/*
 * One file through its loader, n times: the figure for the worst files a loader may be given
 * (bench/gen_large.py). A file that is refused counts as much as one that loads: refusing a
 * hostile file quickly is the point. The questionnaire a rules file needs is loaded once,
 * outside the times. The peak resident size is the process's, taken at the end.
 */
static int
bench_file(const char *kind, const char *qn_path, const char *path, const char *count)
{
	struct questionnaire *base = NULL, *qn;
	struct ruleset *rs;
	struct diag_list dl = { 0 };
	struct rusage ru;
	double *ms, *cpu, t0, c0;
	size_t diags = 0, i;
	bool rules = strcmp(kind, "rules") == 0;
	int loaded = 0;
	long n;

	if ((!rules && strcmp(kind, "questionnaire") != 0) || (n = parse_count(count)) < 0)
		return 2;
	if (rules && questionnaire_load(&base, qn_path, &dl) != 0) {
		diag_print(&dl, stderr);
		diag_clear(&dl);
		fprintf(stderr, "smpbench: the questionnaire did not load\n");
		return 1;
	}
	ms = xcalloc((size_t)n, sizeof *ms);
	cpu = xcalloc((size_t)n, sizeof *cpu);
	for (i = 0; i < (size_t)n; i++) {
		t0 = now_ms();
		c0 = cpu_ms();
		if (rules) {
			loaded = rules_load(&rs, path, base, &dl) == 0;
			rules_free(rs);
		} else {
			loaded = questionnaire_load(&qn, path, &dl) == 0;
			questionnaire_free(qn);
		}
		ms[i] = now_ms() - t0;
		cpu[i] = cpu_ms() - c0;
		diags = dl.n;
		diag_clear(&dl);
	}
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	qsort(cpu, (size_t)n, sizeof *cpu, cmp_double);
	getrusage(RUSAGE_SELF, &ru);
	printf("file: kind=%s iterations=%ld loaded=%d diagnostics=%zu median_ms=%.1f min_ms=%.1f "
	       "max_ms=%.1f cpu_median_ms=%.1f cpu_min_ms=%.1f cpu_max_ms=%.1f maxrss_kb=%ld\n",
	    kind, n, loaded, diags, ms[n / 2], ms[0], ms[n - 1], cpu[n / 2], cpu[0], cpu[n - 1],
	    ru.ru_maxrss);
	free(ms);
	free(cpu);
	questionnaire_free(base);
	return 0;
}

/* The *.cfg files of dir, sorted by name, as the program's `screen DIR` takes them. */
static char **
list_dir(const char *dir, size_t *n)
{
	struct dirent *de;
	char **items = NULL;
	size_t cap = 0, len;
	DIR *d;

	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "smpbench: %s: %s\n", dir, strerror(errno));
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 4 || strcmp(de->d_name + len - 4, ".cfg") != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			items = xreallocarray(items, cap, sizeof *items);
		}
		items[(*n)++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(items, *n, sizeof *items, cmp_str);
	return items;
}

enum pass { PASS_LOAD, PASS_OUTCOME, PASS_TEXT, PASS_JSON };

struct bench {
	struct questionnaire *qn;
	struct ruleset *rs;
	struct settings st;
	struct date today;
	char **files;
	size_t n_files;
	size_t by_level[LEVEL_UNSUITABLE + 1];
	size_t fired;
};

/* Runs one pass over every file; returns the milliseconds taken and the report bytes in
 * *bytes, or a negative time if a file failed to load (reported on stderr). */
static double
run_pass(struct bench *b, enum pass pass, size_t *bytes)
{
	static const char *const names[] = { "loaded", "screened", "screened (text)",
		"screened (json)" };
	struct report_opts opts = { .ascii = false, .width = 72 };
	struct diag_list dl = { 0 };
	struct strbuf out = { 0 };
	struct progress pr;
	struct answers *a;
	struct outcome *oc;
	size_t i, failed = 0;
	double t0, t;

	*bytes = 0;
	progress_start(&pr, names[pass]);
	t0 = now_ms();
	for (i = 0; i < b->n_files; i++) {
		if (answers_load(&a, b->files[i], b->qn, &dl) != 0) {
			progress_end(&pr);
			if (++failed <= MAX_FAILED_SHOWN)
				diag_print(&dl, stderr);
			diag_clear(&dl);
			continue;
		}
		if (dl.n > 0)
			diag_clear(&dl);
		if (pass != PASS_LOAD) {
			oc = outcome_compute(b->rs, a, &b->st, b->today);
			if (pass == PASS_OUTCOME) {
				b->by_level[oc->suitability]++;
				b->fired += oc->n_fired;
			} else {
				struct report_input in = { .qn = b->qn,
					.rs = b->rs,
					.st = &b->st,
					.ans = a,
					.oc = oc };

				sb_reset(&out);
				if (pass == PASS_TEXT)
					report_write_text(&out, &in, &opts);
				else
					report_write_json(&out, &in);
				*bytes += out.len;
			}
			outcome_free(oc);
		}
		answers_free(a);
		progress_step(&pr, i + 1, b->n_files);
	}
	t = now_ms() - t0;
	progress_end(&pr);
	sb_free(&out);
	if (failed > 0) {
		fprintf(stderr,
		    "smpbench: FAILED: %zu of %zu answer files did not load%s; the "
		    "benchmark needs valid files\n",
		    failed, b->n_files, failed > MAX_FAILED_SHOWN ? " (first ones shown)" : "");
		return -1;
	}
	return t;
}

static double
rate(size_t n, double ms)
{
	return ms > 0 ? (double)n / (ms / 1e3) : 0;
}

static int
bench_screen(const char *qn_path, const char *rules_path, const char *dir)
{
	struct bench b;
	double t_load, t_outcome, t_text, t_json;
	size_t text_bytes, json_bytes, dummy, i;
	int rc = 1;

	memset(&b, 0, sizeof b);
	if (date_parse(BENCH_TODAY, &b.today) != 0)
		return 2;
	if (load_base(qn_path, rules_path, &b.qn, &b.rs, &b.st) != 0) {
		fprintf(stderr, "smpbench: the questionnaire or rules did not load\n");
		return 1;
	}
	b.files = list_dir(dir, &b.n_files);
	if (b.n_files == 0) {
		fprintf(stderr, "smpbench: FAILED: no *.cfg answer files in %s\n", dir);
		goto out;
	}
	/* The first pass checks every file (and warms the page cache for the others). */
	if ((t_load = run_pass(&b, PASS_LOAD, &dummy)) < 0 ||
	    (t_outcome = run_pass(&b, PASS_OUTCOME, &dummy)) < 0 ||
	    (t_text = run_pass(&b, PASS_TEXT, &text_bytes)) < 0 ||
	    (t_json = run_pass(&b, PASS_JSON, &json_bytes)) < 0)
		goto out;
	printf("screen: files=%zu today=%s load_per_s=%.0f outcome_per_s=%.0f text_per_s=%.0f "
	       "json_per_s=%.0f text_bytes_per_file=%zu json_bytes_per_file=%zu "
	       "fired_per_file=%.1f",
	    b.n_files, BENCH_TODAY, rate(b.n_files, t_load), rate(b.n_files, t_outcome),
	    rate(b.n_files, t_text), rate(b.n_files, t_json), text_bytes / b.n_files,
	    json_bytes / b.n_files, (double)b.fired / (double)b.n_files);
	for (i = 0; i <= LEVEL_UNSUITABLE; i++)
		printf(" %s=%zu", rules_level_name((enum level)i), b.by_level[i]);
	printf("\n");
	rc = 0;
out:
	for (i = 0; i < b.n_files; i++)
		free(b.files[i]);
	free(b.files);
	settings_free(&b.st);
	rules_free(b.rs);
	questionnaire_free(b.qn);
	return rc;
}

static void
usage(FILE *fp)
{
	fputs("usage: smpbench load QUESTIONNAIRE RULES N\n"
	      "       smpbench screen QUESTIONNAIRE RULES DIR\n"
	      "       smpbench file questionnaire FILE N\n"
	      "       smpbench file rules QUESTIONNAIRE FILE N\n",
	    fp);
}

int
main(int argc, char **argv)
{
	int rc;

	if (argc == 5 && strcmp(argv[1], "load") == 0)
		rc = bench_load(argv[2], argv[3], argv[4]);
	else if (argc == 5 && strcmp(argv[1], "screen") == 0)
		rc = bench_screen(argv[2], argv[3], argv[4]);
	else if (argc == 5 && strcmp(argv[1], "file") == 0 && strcmp(argv[2], "rules") != 0)
		rc = bench_file(argv[2], NULL, argv[3], argv[4]);
	else if (argc == 6 && strcmp(argv[1], "file") == 0 && strcmp(argv[2], "rules") == 0)
		rc = bench_file(argv[2], argv[3], argv[4], argv[5]);
	else {
		usage(stderr);
		return 2;
	}
	if (fflush(stdout) != 0)
		rc = 1;
	return rc;
}
