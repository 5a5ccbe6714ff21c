/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <libintl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cli.h"
#include "smpscreen/answers.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

enum {
	OPT_PLAIN = 256,
	OPT_QUESTIONNAIRE,
	OPT_RULES,
	OPT_SETTINGS,
	OPT_LANG,
	OPT_FORMAT,
	OPT_TODAY,
	OPT_ASCII,
	OPT_OUTPUT_DIR,
	OPT_CONSULTANT,
	OPT_NO_SAVE,
	OPT_RESUME,
	OPT_COPY,
	OPT_PAGE_LINES,
	OPT_CONSULTANT_NAME,
};

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "questionnaire", required_argument, NULL, OPT_QUESTIONNAIRE },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "settings", required_argument, NULL, OPT_SETTINGS },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "today", required_argument, NULL, OPT_TODAY },
	{ "output", required_argument, NULL, 'o' },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "output-dir", required_argument, NULL, OPT_OUTPUT_DIR },
	{ "consultant", no_argument, NULL, OPT_CONSULTANT },
	{ "no-save", no_argument, NULL, OPT_NO_SAVE },
	{ "resume", required_argument, NULL, OPT_RESUME },
	{ "copy", required_argument, NULL, OPT_COPY },
	{ "page-lines", required_argument, NULL, OPT_PAGE_LINES },
	{ "consultant-name", required_argument, NULL, OPT_CONSULTANT_NAME },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    _("Usage: smpscreen [OPTION]... [COMMAND] [ARG]...\n"
	      "Screen a client for scalp micropigmentation (SMP) before a consultation.\n"
	      "This is a screening aid, not medical advice; a practitioner makes the decision.\n"
	      "\n"
	      "Commands:\n"
	      "  (none)                 interactive questionnaire: full screen on a terminal,\n"
	      "                         else (or with --plain) line by line\n"
	      "  screen ANSWERS...      screen answer files (or directories of *.cfg files)\n"
	      "  rescreen ANSWERS...    which answer files the --questionnaire, --rules or\n"
	      "                         --settings given would screen differently from the\n"
	      "                         content in use\n"
	      "  review ANSWERS         a consultant's review of a saved consultation: confirm\n"
	      "                         or change each answer (with a reason), record a\n"
	      "                         decision, save it in place with its report\n"
	      "  check [FILE...]        validate the questionnaire, rules and settings, or the\n"
	      "                         given questionnaire, rules, settings or answer files\n"
	      "  questions              list every question id, type, options and condition\n"
	      "  kiosk                  the clinic kiosk: patient after patient, saved in the\n"
	      "                         clinic's report_dir, until staff end it with their PIN\n"
	      "  pin-hash               read a staff PIN twice and print its settings line\n"
	      "\n"
	      "Options for every command:\n"
	      "      --questionnaire FILE  use this questionnaire instead of the bundled one\n"
	      "      --rules FILE          use this rules file instead of the bundled one\n"
	      "      --settings FILE       clinic settings (default: see Files below)\n"
	      "      --lang LL             language of the questions, messages and report\n"
	      "                            (en, es, fr, or one the clinic added)\n"
	      "  -h, --help                show this help and exit\n"
	      "  -V, --version             show the version and exit\n"
	      "\n"
	      "Options for screen, rescreen and the questionnaire:\n"
	      "      --today YYYY-MM-DD    screening date (default: today)\n"
	      "      --ascii               plain ASCII reports\n"
	      "      --format text|json|jsonl|csv|fhir\n"
	      "                            report format of screen (default: text); jsonl:\n"
	      "                            one JSON object a line; csv: one row a file;\n"
	      "                            fhir: FHIR R4 Bundles; questions takes text or\n"
	      "                            fhir (a FHIR R4 Questionnaire), rescreen text,\n"
	      "                            json or csv\n"
	      "  -o, --output FILE         write the report of screen to FILE (0600, atomic;\n"
	      "                            - is standard output)\n"
	      "      --copy clinic|patient the clinic record (default), or the patient's copy:\n"
	      "                            plain words, no consultant-only answers\n"
	      "      --page-lines N        text report pages of N lines, \"page N of M\"\n"
	      "                            (default 60; 0: no pages)\n"
	      "      --plain               line-by-line questionnaire (screen readers, dumb\n"
	      "                            terminals, pipes)\n"
	      "      --output-dir DIR      where the questionnaire saves answers and report\n"
	      "                            (default: the clinic's report_dir, else .)\n"
	      "      --no-save             do not save the answers and report at the end\n"
	      "      --consultant          also ask the consultant-only questions\n"
	      "      --consultant-name NAME\n"
	      "                            the consultant's name, recorded with the answers\n"
	      "                            (review: asked once when not given)\n"
	      "      --resume FILE         continue an unfinished consultation from its draft\n"
	      "\n"
	      "Exit status: 0 done, 1 runtime failure (I/O, terminal), 2 bad usage or invalid\n"
	      "input file, 3 rescreen found answer files that would screen differently.\n"
	      "\n"
	      "Files:\n"
	      "  %s/smpscreen/settings.cfg\n"
	      "                            the clinic's settings, read when it exists\n"),
	    SYSCONFDIR);
	fputc('\n', fp);
	fprintf(fp, _("Report bugs to: <%s>\n"), PACKAGE_BUGREPORT);
}

/* The licence statement stays in English: it is a legal text, and the LICENSE file beside
 * the documentation is its authority. */
static void
version(void)
{
	printf("smpscreen %s\n"
	       "Copyright (c) 2026 The smpscreen authors\n"
	       "Licence ISC: free to use, copy, modify and distribute, with or without fee,\n"
	       "provided the copyright and licence notice are kept. There is NO WARRANTY.\n",
	    PACKAGE_VERSION);
}

static int bad_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
bad_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("smpscreen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fprintf(stderr, _("Try 'smpscreen --help' for more information.\n"));
	return EXIT_USAGE;
}

/* --page-lines: 0, or 20..1000 (fewer lines leave no room for a heading and its text). */
static bool
page_lines(const char *arg, size_t *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || (v != 0 && (v < 20 || v > 1000)))
		return false;
	*out = (size_t)v;
	return true;
}

/* A report that did not reach its reader is a failure, whatever the command thought. */
static int
close_stdout(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("smpscreen: cannot write to standard output: %s\n"),
		    strerror(errno));
		return rc == EXIT_OK || rc == EXIT_CHANGED ? EXIT_RUNTIME : rc;
	}
	return rc;
}

static bool
wants_utf8(void)
{
	static const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return strcasestr(v, "utf-8") != NULL || strcasestr(v, "utf8") != NULL;
	return false;
}

/*
 * A core file of this program holds whatever it had in memory: answers, typed text, reports.
 * None is ever written: the core size limit goes to 0, soft and hard (children could not raise
 * it again), and the process is made not dumpable, which also covers a core_pattern that
 * pipes to a collector (systemd-coredump, apport), where the size limit does not apply.
 * Not dumpable also means that another process of the same user cannot ptrace(2) it (read
 * its memory with gdb -p) and that its /proc/PID files become root's: /proc/PID/environ,
 * maps, mem and fd are closed to the user's other programs. That is wanted: on a kiosk or a
 * shared SSH account, anything else running as that user (a planted or compromised program)
 * could otherwise read the patient's answers straight out of memory. ps, /proc/PID/status and
 * /proc/PID/limits stay readable. Debugging means starting it under the debugger, or root.
 */
static void
no_core_dumps(void)
{
	struct rlimit none = { 0, 0 };

	(void)setrlimit(RLIMIT_CORE, &none);
#ifdef __linux__
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

/* What each command does, for the out-of-memory message (English, like that message). */
static const char *
activity(const char *cmd)
{
	static const struct {
		const char *cmd, *doing;
	} table[] = { { "screen", "screening answer files" },
		{ "rescreen", "re-screening answer files" },
		{ "review", "reviewing a consultation" }, { "check", "checking files" },
		{ "questions", "listing the questions" }, { "pin-hash", "making a PIN hash" },
		{ "kiosk", "running the kiosk" } };
	size_t i;

	if (cmd == NULL)
		return "running the questionnaire";
	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(cmd, table[i].cmd) == 0)
			return table[i].doing;
	return "starting";
}

int
main(int argc, char **argv)
{
	struct cli c;
	const char *cmd = NULL;
	bool plain = false, screen_opts = false, format_set = false;
	int ch, rc;

	/* First, before anything is read. */
	no_core_dumps();
	xalloc_doing("starting", NULL);
	memset(&c, 0, sizeof c);
	c.page_lines = REPORT_PAGE_LINES;
	/* The character set comes from the locale (ncursesw draws by it); the language does
	 * not: catalogs are read by the program, so a patient's language works on a machine
	 * that never generated its locale. When the environment asks for a UTF-8 locale that
	 * is not installed, the terminal is still UTF-8: C.UTF-8 draws it. */
	if (setlocale(LC_ALL, "") == NULL && wants_utf8())
		setlocale(LC_CTYPE, "C.UTF-8");
	/* glibc's own messages (strerror) in UTF-8 like ours, whatever the locale's character
	 * set: in an 8-bit locale they would come in it, and a message would mix the two. */
	bind_textdomain_codeset("libc", "UTF-8");
	cli_language_early(argc, argv);

	/* getopt names the program by argv[0]; every other message says "smpscreen". */
	argv[0] = (char *)"smpscreen";
	while ((ch = getopt_long(argc, argv, "hVo:", long_options, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout);
			return close_stdout(EXIT_OK);
		case 'V':
			version();
			return close_stdout(EXIT_OK);
		case OPT_PLAIN:
			plain = true;
			break;
		case OPT_QUESTIONNAIRE:
			c.questionnaire_path = optarg;
			break;
		case OPT_RULES:
			c.rules_path = optarg;
			break;
		case OPT_SETTINGS:
			c.settings_path = optarg;
			break;
		case OPT_LANG:
			c.lang = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				c.format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				c.format = FORMAT_JSON;
			else if (strcmp(optarg, "jsonl") == 0)
				c.format = FORMAT_JSONL;
			else if (strcmp(optarg, "csv") == 0)
				c.format = FORMAT_CSV;
			else if (strcmp(optarg, "fhir") == 0)
				c.format = FORMAT_FHIR;
			else
				return bad_usage(_("unknown format '%s' (use text, json, jsonl, "
				                   "csv or "
				                   "fhir)"),
				    optarg);
			format_set = true;
			break;
		case OPT_TODAY:
			if (date_parse(optarg, &c.today) != 0)
				return bad_usage(
				    _("--today needs a real date as YYYY-MM-DD, not '%s'"), optarg);
			c.today_set = true;
			break;
		case 'o':
			c.output = optarg;
			screen_opts = true;
			break;
		case OPT_ASCII:
			c.ascii = true;
			break;
		case OPT_OUTPUT_DIR:
			c.output_dir = optarg;
			break;
		case OPT_CONSULTANT:
			c.consultant = true;
			break;
		case OPT_CONSULTANT_NAME:
			/* Recorded in answers files: what their reader would refuse is refused
			 * here, not after a consultation. */
			if (!answers_meta_ok(optarg))
				return bad_usage("%s",
				    _("--consultant-name needs a name on one line, at most 200 "
				      "characters"));
			c.consultant_name = optarg;
			break;
		case OPT_NO_SAVE:
			c.no_save = true;
			break;
		case OPT_RESUME:
			c.resume_path = optarg;
			break;
		case OPT_COPY:
			if (strcmp(optarg, "clinic") == 0)
				c.copy = REPORT_COPY_CLINIC;
			else if (strcmp(optarg, "patient") == 0)
				c.copy = REPORT_COPY_PATIENT;
			else
				return bad_usage(_("unknown copy '%s' (use clinic or patient)"),
				    optarg);
			screen_opts = true;
			break;
		case OPT_PAGE_LINES:
			if (!page_lines(optarg, &c.page_lines))
				return bad_usage(_("--page-lines needs 0 (no pages) or a number of "
				                   "lines from 20 to 1000, not '%s'"),
				    optarg);
			screen_opts = true;
			break;
		default:
			fprintf(stderr, _("Try 'smpscreen --help' for more information.\n"));
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		cmd = argv[optind++];
	if (cmd != NULL && c.resume_path != NULL)
		return bad_usage(_("--resume continues a questionnaire; it does not go with '%s'"),
		    cmd);
	if (cmd != NULL && plain && strcmp(cmd, "review") != 0)
		return bad_usage(_("--plain starts the questionnaire; it does not go with '%s'"),
		    cmd);
	if (screen_opts && (cmd == NULL || strcmp(cmd, "screen") != 0))
		return bad_usage("%s",
		    _("--output, --copy and --page-lines go with the screen command"));
	/* questions lists the questionnaire: as text, or as a FHIR Questionnaire. */
	if (format_set && cmd != NULL && strcmp(cmd, "questions") == 0) {
		if (c.format != FORMAT_TEXT && c.format != FORMAT_FHIR)
			return bad_usage("%s", _("questions has the formats text and fhir"));
	} else if (format_set && cmd != NULL && strcmp(cmd, "rescreen") == 0) {
		/* One report of the whole run: no stream of records (jsonl), no FHIR. */
		if (c.format != FORMAT_TEXT && c.format != FORMAT_JSON && c.format != FORMAT_CSV)
			return bad_usage("%s", _("rescreen has the formats text, json and csv"));
	} else if (format_set && (cmd == NULL || strcmp(cmd, "screen") != 0))
		return bad_usage("%s",
		    _("--format goes with the screen, rescreen and questions commands"));
	if (c.copy == REPORT_COPY_PATIENT && c.format != FORMAT_TEXT)
		return bad_usage("%s",
		    _("--copy patient is a text report; it does not go with "
		      "--format"));

	xalloc_doing(activity(cmd), NULL);
	if (cmd == NULL)
		rc = cmd_consult(&c, plain);
	else if (strcmp(cmd, "screen") == 0)
		rc = cmd_screen(&c, argc - optind, argv + optind);
	else if (strcmp(cmd, "rescreen") == 0)
		rc = cmd_rescreen(&c, argc - optind, argv + optind);
	else if (strcmp(cmd, "review") == 0)
		rc = cmd_review(&c, plain, argc - optind, argv + optind);
	else if (strcmp(cmd, "check") == 0)
		rc = cmd_check(&c, argc - optind, argv + optind);
	else if (strcmp(cmd, "questions") == 0)
		rc = cmd_questions(&c, argc - optind, argv + optind);
	else if (strcmp(cmd, "pin-hash") == 0)
		rc = cmd_pin_hash(&c, argc - optind, argv + optind);
	else if (strcmp(cmd, "kiosk") == 0)
		rc = cmd_kiosk(&c, argc - optind, argv + optind);
	else
		return bad_usage(_("unknown command '%s'"), cmd);
	return close_stdout(rc);
}
