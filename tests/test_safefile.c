/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "smpscreen/safefile.h"

/* Each test gets a fresh private directory, removed by the fixture even when it fails. */
static char *dir;

static char *
join(const char *parent, const char *name)
{
	char *path;

	cr_assert_neq(asprintf(&path, "%s/%s", parent, name), -1);
	return path;
}

/* Names in where other than "." and "..", joined by "/" in readdir order (for messages). */
static size_t
list_dir(const char *where, char *names, size_t size)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	names[0] = '\0';
	d = opendir(where);
	cr_assert_not_null(d, "opendir %s: %s", where, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		n++;
		if (strlen(names) + strlen(de->d_name) + 2 < size) {
			strcat(names, "/");
			strcat(names, de->d_name);
		}
	}
	closedir(d);
	return n;
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");

	cr_assert_neq(asprintf(&dir, "%s/smp-safefile-XXXXXX", tmp != NULL ? tmp : "/tmp"), -1);
	cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
}

static void
teardown(void)
{
	struct dirent *de;
	char *path;
	DIR *d;

	if (dir == NULL)
		return;
	chmod(dir, 0700);
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			path = join(dir, de->d_name);
			if (unlink(path) == -1)
				rmdir(path);
			free(path);
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
	dir = NULL;
}

TestSuite(safefile, .init = setup, .fini = teardown);

static char *
read_all(const char *path, size_t *len)
{
	char *buf;
	FILE *fp;
	long n;

	fp = fopen(path, "rb");
	cr_assert_not_null(fp, "fopen %s: %s", path, strerror(errno));
	cr_assert_eq(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	cr_assert_geq(n, 0);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void
check_cause(char *cause, const char *path, int error)
{
	cr_assert_not_null(cause);
	cr_assert_not_null(strstr(cause, path), "cause \"%s\" names %s", cause, path);
	cr_assert_not_null(strstr(cause, strerror(error)), "cause \"%s\" says \"%s\"", cause,
	    strerror(error));
	free(cause);
}

Test(safefile, null_and_bad_arguments)
{
	char *cause = NULL, names[256];

	cr_assert_eq(safefile_write(NULL, "x", 1, &cause), -1);
	cr_assert_not_null(cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(safefile_write("", "x", 1, &cause), -1);
	cr_assert_not_null(cause);
	free(cause);
	cause = NULL;
	/* A name ending in "/" is a directory, not a file. */
	cr_assert_eq(chdir(dir), 0);
	cr_assert_eq(safefile_write("sub/", "x", 1, &cause), -1);
	check_cause(cause, "sub/", EISDIR);
	cause = NULL;
	/* NULL data is only fine when there is nothing to write. */
	cr_assert_eq(safefile_write("f", NULL, 1, &cause), -1);
	check_cause(cause, "f", EINVAL);
	cr_assert_eq(list_dir(dir, names, sizeof names), 0, "left: %s", names);
	/* A NULL cause is allowed. */
	cr_assert_eq(safefile_write(NULL, "x", 1, NULL), -1);
}

Test(safefile, writes_empty_file_from_null_data)
{
	char *path = join(dir, "empty.txt"), *cause = NULL, *got;
	size_t len;

	cr_assert_eq(safefile_write(path, NULL, 0, &cause), 0, "%s", cause);
	cr_assert_null(cause);
	got = read_all(path, &len);
	cr_assert_eq(len, 0);
	free(got);
	free(path);
}

Test(safefile, creates_0600_whatever_the_umask)
{
	char *path = join(dir, "report.txt"), *cause = NULL;
	mode_t old;
	struct stat st;

	old = umask(0);
	cr_assert_eq(safefile_write(path, "hello\n", 6, &cause), 0, "%s", cause);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0600, "mode %o", (unsigned)(st.st_mode & 07777));
	/* A umask stricter than 0600 does not leave the owner locked out either. */
	umask(0277);
	cr_assert_eq(safefile_write(path, "again\n", 6, &cause), 0, "%s", cause);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0600, "mode %o", (unsigned)(st.st_mode & 07777));
	umask(old);
	free(path);
}

Test(safefile, writes_every_byte)
{
	char *path = join(dir, "data.bin"), *cause = NULL, *data, *got;
	size_t i, n = 3 * 1024 * 1024 + 17, len;

	data = malloc(n);
	cr_assert_not_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)(i * 31 % 251);
	data[5] = '\0';
	cr_assert_eq(safefile_write(path, data, n, &cause), 0, "%s", cause);
	got = read_all(path, &len);
	cr_assert_eq(len, n);
	cr_assert_eq(memcmp(got, data, n), 0);
	free(got);
	free(data);
	free(path);
}

Test(safefile, replaces_an_existing_file_atomically)
{
	char *path = join(dir, "answers.cfg"), *other = join(dir, "old.cfg");
	char *cause = NULL, *got, names[256];
	struct stat before, after;
	size_t len;
	FILE *fp;

	fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fputs("old contents, longer than the new ones\n", fp);
	fclose(fp);
	cr_assert_eq(chmod(path, 0644), 0);
	cr_assert_eq(stat(path, &before), 0);
	/* A second name for the old file shows whether it was rewritten in place. */
	cr_assert_eq(link(path, other), 0);

	cr_assert_eq(safefile_write(path, "new\n", 4, &cause), 0, "%s", cause);
	got = read_all(path, &len);
	cr_assert_str_eq(got, "new\n");
	free(got);
	cr_assert_eq(stat(path, &after), 0);
	cr_assert_neq(after.st_ino, before.st_ino, "replaced by rename, not rewritten");
	cr_assert_eq(after.st_mode & 07777, 0600);
	got = read_all(other, &len);
	cr_assert_str_eq(got, "old contents, longer than the new ones\n");
	free(got);
	cr_assert_eq(list_dir(dir, names, sizeof names), 2, "left: %s", names);
	free(other);
	free(path);
}

Test(safefile, leaves_no_temporary_files)
{
	char *path = join(dir, "report.txt"), *cause = NULL, names[256];
	int i;

	for (i = 0; i < 5; i++)
		cr_assert_eq(safefile_write(path, "x", 1, &cause), 0, "%s", cause);
	cr_assert_eq(list_dir(dir, names, sizeof names), 1, "left: %s", names);
	cr_assert_str_eq(names, "/report.txt");
	free(path);
}

Test(safefile, refuses_anything_but_a_regular_file)
{
	char *sub = join(dir, "taken"), *fifo = join(dir, "fifo"), *link = join(dir, "link");
	char *cause = NULL, names[256];
	struct stat st;

	/* Renaming over these would replace them: as root, -o /dev/null would replace the
	 * device itself. A directory, a FIFO and a symlink stand in for it. */
	cr_assert_eq(mkdir(sub, 0700), 0);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_assert_eq(symlink("elsewhere", link), 0);
	cr_assert_eq(safefile_write(sub, "x", 1, &cause), -1);
	cr_assert_not_null(strstr(cause, "not a regular file"), "cause: %s", cause);
	free(cause);
	cr_assert_eq(safefile_write(fifo, "x", 1, &cause), -1);
	cr_assert_not_null(strstr(cause, "not a regular file"), "cause: %s", cause);
	free(cause);
	cr_assert_eq(safefile_write(link, "x", 1, &cause), -1);
	cr_assert_not_null(strstr(cause, "not a regular file"), "cause: %s", cause);
	free(cause);
	cr_assert_eq(lstat(fifo, &st), 0);
	cr_assert(S_ISFIFO(st.st_mode));
	cr_assert_eq(lstat(link, &st), 0);
	cr_assert(S_ISLNK(st.st_mode));
	cr_assert_eq(list_dir(dir, names, sizeof names), 3, "left: %s", names);
	free(sub);
	free(fifo);
	free(link);
}

Test(safefile, relative_path_in_the_current_directory)
{
	char *cause = NULL, *got, names[256];
	size_t len;

	cr_assert_eq(chdir(dir), 0);
	cr_assert_eq(safefile_write("plain.txt", "here\n", 5, &cause), 0, "%s", cause);
	got = read_all("plain.txt", &len);
	cr_assert_str_eq(got, "here\n");
	free(got);
	cr_assert_eq(list_dir(".", names, sizeof names), 1, "left: %s", names);
}

Test(safefile, missing_directory_fails_with_a_cause)
{
	char *path = join(dir, "no/such/dir/report.txt"), *cause = NULL;
	char names[256];

	cr_assert_eq(safefile_write(path, "x", 1, &cause), -1);
	check_cause(cause, path, ENOENT);
	cr_assert_eq(list_dir(dir, names, sizeof names), 0, "left: %s", names);
	free(path);
}

Test(safefile, read_only_directory_fails_with_a_cause)
{
	char *path, *cause = NULL, names[256];

	if (geteuid() == 0) {
		/* A skipped test does not reach the fixture's fini. */
		teardown();
		cr_skip_test("root ignores directory permissions");
	}
	path = join(dir, "report.txt");
	cr_assert_eq(chmod(dir, 0500), 0);
	cr_assert_eq(safefile_write(path, "x", 1, &cause), -1);
	check_cause(cause, path, EACCES);
	cr_assert_eq(list_dir(dir, names, sizeof names), 0, "left: %s", names);
	free(path);
}

/*
 * A disk that fills up in the middle of a report (here a file size limit, which root cannot
 * ignore, standing in for ENOSPC): the earlier report stays whole and no temporary file is
 * left. Criterion runs each test in its own process, so the limit dies with it.
 */
Test(safefile, a_failed_write_keeps_the_old_file_and_leaves_nothing)
{
	char *path = join(dir, "report.txt"), *cause = NULL, *got, names[256];
	static char big[4096];
	struct rlimit rl = { .rlim_cur = 1024, .rlim_max = RLIM_INFINITY };
	size_t len;

	cr_assert_eq(safefile_write(path, "old", 3, NULL), 0);
	memset(big, 'x', sizeof big);
	cr_assert_neq(signal(SIGXFSZ, SIG_IGN), SIG_ERR);
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0, "setrlimit: %s", strerror(errno));
	cr_assert_eq(safefile_write(path, big, sizeof big, &cause), -1);
	check_cause(cause, path, EFBIG);
	got = read_all(path, &len);
	cr_assert_eq(len, 3);
	cr_assert_str_eq(got, "old");
	cr_assert_eq(list_dir(dir, names, sizeof names), 1, "left: %s", names);
	free(got);
	free(path);
}

/* --- signals during a write, and what a killed writer leaves ------------------------------ */

/*
 * A signal that arrives in the middle of a write, without sleeps or timing: the child's file
 * size limit makes the write fail part-way with SIGXFSZ, whose handler sends the signal under
 * test. The temporary file then exists and holds part of the report.
 */
static int signal_to_send;

static void
send_on_xfsz(int sig)
{
	int saved = errno;

	(void)sig;
	kill(getpid(), signal_to_send);
	errno = saved;
}

/* In a child: limits files to 1 KiB and, unless sig is SIGXFSZ itself, turns the limit's
 * SIGXFSZ into sig. No core file either way. */
static void
signal_mid_write(int sig)
{
	struct rlimit fsize = { .rlim_cur = 1024, .rlim_max = RLIM_INFINITY };
	struct rlimit core = { 0, 0 };
	struct sigaction sa;

	signal_to_send = sig;
	setrlimit(RLIMIT_CORE, &core);
	if (sig != SIGXFSZ) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = send_on_xfsz;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGXFSZ, &sa, NULL);
	}
	setrlimit(RLIMIT_FSIZE, &fsize);
}

/* Forks; the child writes 64 KiB to dir/report.txt with sig arriving mid-write and exits 0
 * if it survives. Returns its wait status. */
static int
write_killed_by(int sig, void (*before)(void))
{
	static char big[64 * 1024];
	char *path = join(dir, "report.txt");
	int status;
	pid_t pid;

	memset(big, 'x', sizeof big);
	pid = fork();
	cr_assert_neq(pid, -1, "fork: %s", strerror(errno));
	if (pid == 0) {
		if (before != NULL)
			before();
		signal_mid_write(sig);
		_exit(safefile_write(path, big, sizeof big, NULL) == 0 ? 0 : 3);
	}
	free(path);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	return status;
}

Test(safefile, a_signal_mid_write_removes_the_temporary_file)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ };
	char *path = join(dir, "report.txt"), names[256], *got;
	size_t i, len;
	int status;

	cr_assert_eq(safefile_write(path, "old", 3, NULL), 0);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		status = write_killed_by(sigs[i], NULL);
		/* It still dies of the signal, as it would have without a temporary file. */
		cr_expect(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i],
		    "signal %d: status %#x", sigs[i], (unsigned)status);
		cr_expect_eq(list_dir(dir, names, sizeof names), 1, "signal %d left: %s", sigs[i],
		    names);
	}
	got = read_all(path, &len);
	cr_expect_str_eq(got, "old");
	free(got);
	free(path);
}

/* The same for a file written in pieces (screen -o of a long batch): a signal between or
 * during the pieces removes its temporary file too. */
Test(safefile, a_signal_mid_stream_removes_the_temporary_file)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	static char big[64 * 1024];
	char *path = join(dir, "report.txt"), names[256];
	struct safefile_stream *st;
	size_t i;
	int status;
	pid_t pid;

	memset(big, 'x', sizeof big);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		pid = fork();
		cr_assert_neq(pid, -1, "fork: %s", strerror(errno));
		if (pid == 0) {
			if ((st = safefile_open(path, NULL)) == NULL)
				_exit(4);
			if (safefile_append(st, "first piece\n", 12, NULL) != 0)
				_exit(5);
			signal_mid_write(sigs[i]);
			(void)safefile_append(st, big, sizeof big, NULL);
			_exit(3);
		}
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		cr_expect(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i],
		    "signal %d: status %#x", sigs[i], (unsigned)status);
		cr_expect_eq(list_dir(dir, names, sizeof names), 0, "signal %d left: %s", sigs[i],
		    names);
	}
	free(path);
}

static volatile sig_atomic_t got_term;

static void
on_term(int sig)
{
	(void)sig;
	got_term = 1;
}

static void
own_term_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
}

static void
check_own_handler_kept(void)
{
	struct sigaction sa;

	/* Runs in the child via atexit: the handler was called and is still the program's. */
	if (!got_term || sigaction(SIGTERM, NULL, &sa) != 0 || sa.sa_handler != on_term)
		_exit(4);
}

static void
own_handler_and_check(void)
{
	own_term_handler();
	atexit(check_own_handler_kept);
}

/* The wizard and the kiosk handle SIGTERM themselves (save a draft, end cleanly): their
 * handler is left in place and called, and the write ends as it would anyway. */
Test(safefile, a_program_that_handles_the_signal_keeps_its_handler)
{
	char names[256];
	int status;

	status = write_killed_by(SIGTERM, own_handler_and_check);
	/* 3: the write failed (the file size limit), the child lived on and its check passed. */
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 3, "status %#x", (unsigned)status);
	cr_expect_eq(list_dir(dir, names, sizeof names), 0, "left: %s", names);
}

Test(safefile, dispositions_are_given_back_after_a_write)
{
	char *path = join(dir, "report.txt");
	struct sigaction sa;

	cr_assert_neq(signal(SIGTERM, SIG_DFL), SIG_ERR);
	cr_assert_neq(signal(SIGINT, SIG_IGN), SIG_ERR);
	cr_assert_eq(safefile_write(path, "x", 1, NULL), 0);
	cr_assert_eq(sigaction(SIGTERM, NULL, &sa), 0);
	cr_expect_eq(sa.sa_handler, SIG_DFL);
	cr_assert_eq(sigaction(SIGINT, NULL, &sa), 0);
	cr_expect_eq(sa.sa_handler, SIG_IGN, "an ignored signal stays ignored");
	free(path);
}

/* A pid that no process has any more (a child that ended and was reaped). */
static pid_t
dead_pid(void)
{
	pid_t pid = fork();

	cr_assert_neq(pid, -1);
	if (pid == 0)
		_exit(0);
	cr_assert_eq(waitpid(pid, NULL, 0), pid);
	cr_assert_eq(kill(pid, 0), -1);
	return pid;
}

/* Creates dir/name (printf-style) with mode and returns its path. */
static char *plant(mode_t mode, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *
plant(mode_t mode, const char *fmt, ...)
{
	char name[256], *path;
	va_list ap;
	int fd;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	path = join(dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	cr_assert_neq(fd, -1, "create %s: %s", path, strerror(errno));
	cr_assert_eq(write(fd, "half a report", 13), 13);
	cr_assert_eq(fchmod(fd, mode), 0);
	close(fd);
	return path;
}

/* kill -9 cannot be caught: the temporary file stays, named by its writer's pid, until the
 * next write into that directory. */
Test(safefile, a_killed_writers_file_is_swept_by_the_next_write)
{
	char *path = join(dir, "report.txt"), names[256], want[64];
	struct stat st;
	struct dirent *de;
	int status, n = 0;
	DIR *d;

	/* The child's pid is in the name; it is dead (and reaped) once waited for. */
	status = write_killed_by(SIGKILL, NULL);
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x",
	    (unsigned)status);
	cr_assert_eq(list_dir(dir, names, sizeof names), 1, "left: %s", names);
	d = opendir(dir);
	cr_assert_not_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, ".report.txt.", 12) != 0)
			continue;
		n++;
		snprintf(want, sizeof want, ".report.txt.%s", de->d_name + 12);
		cr_expect_eq(strlen(de->d_name + 12), strcspn(de->d_name + 12, ".") + 7,
		    "PID.XXXXXX: %s", de->d_name);
		cr_assert_eq(fstatat(dirfd(d), de->d_name, &st, 0), 0);
		cr_expect_eq(st.st_mode & 07777, 0600);
	}
	closedir(d);
	cr_assert_eq(n, 1, "one temporary file: %s", names);

	cr_assert_eq(safefile_write(path, "new", 3, NULL), 0);
	cr_expect_eq(list_dir(dir, names, sizeof names), 1, "left: %s", names);
	cr_expect_str_eq(names, "/report.txt");
	free(path);
}

Test(safefile, stale_files_of_any_name_in_the_directory_are_swept)
{
	char *path = join(dir, "report.txt"), names[512];
	pid_t dead = dead_pid();

	free(plant(0600, ".report.txt.%ld.Ab3xYz", (long)dead));
	free(plant(0600, ".smpscreen-2026-01-02-030405-answers.cfg.%ld.QQQQQQ", (long)dead));
	free(plant(0600, ".a.b.c.%ld.000000", (long)dead));
	cr_assert_eq(safefile_write(path, "new", 3, NULL), 0);
	cr_expect_eq(list_dir(dir, names, sizeof names), 1, "left: %s", names);
	free(path);
}

Test(safefile, a_running_writers_file_is_kept)
{
	char *path = join(dir, "report.txt"), names[512];
	char *mine, *parent, *locked;
	pid_t dead = dead_pid();
	int fd;

	/* Its process lives: this one, or the one that started it. */
	mine = plant(0600, ".report.txt.%ld.Ab3xYz", (long)getpid());
	parent = plant(0600, ".report.txt.%ld.Ab3xYz", (long)getppid());
	/* Its process looks gone (another pid namespace, say), but it holds the lock. */
	locked = plant(0600, ".report.txt.%ld.Lock00", (long)dead);
	fd = open(locked, O_RDONLY);
	cr_assert_neq(fd, -1);
	cr_assert_eq(flock(fd, LOCK_EX | LOCK_NB), 0);

	cr_assert_eq(safefile_write(path, "new", 3, NULL), 0);
	cr_expect_eq(access(mine, F_OK), 0, "%s kept", mine);
	cr_expect_eq(access(parent, F_OK), 0, "%s kept", parent);
	cr_expect_eq(access(locked, F_OK), 0, "%s kept", locked);
	cr_expect_eq(list_dir(dir, names, sizeof names), 4, "left: %s", names);
	close(fd);
	free(mine);
	free(parent);
	free(locked);
	free(path);
}

/* Only what can be nothing but an abandoned temporary file of this program goes. */
Test(safefile, files_not_of_its_making_are_kept)
{
	char *path = join(dir, "report.txt"), names[1024], *p, *target, *linked;
	pid_t dead = dead_pid();

	free(plant(0644, ".report.txt.%ld.Ab3xYz", (long)dead));  /* not 0600 */
	free(plant(0600, ".report.txt.Ab3xYz"));                  /* no pid: another program's */
	free(plant(0600, ".report.txt.%ld.Ab3xY", (long)dead));   /* five letters */
	free(plant(0600, ".report.txt.%ld.Ab-xYz", (long)dead));  /* not mkstemp's letters */
	free(plant(0600, ".report.txt.0%ld.Ab3xYz", (long)dead)); /* not a pid as printed */
	free(plant(0600, "report.txt.%ld.Ab3xYz", (long)dead));   /* not a dot file */
	free(plant(0600, "..%ld.Ab3xYz", (long)dead));            /* no name */
	/* A second link: someone kept it on purpose. */
	linked = plant(0600, ".kept.%ld.Ab3xYz", (long)dead);
	p = join(dir, "kept-link");
	cr_assert_eq(link(linked, p), 0);
	free(p);
	free(linked);
	/* A symlink and a directory of that form. */
	target = plant(0600, "target");
	cr_assert_neq(asprintf(&p, "%s/.link.%ld.Ab3xYz", dir, (long)dead), -1);
	cr_assert_eq(symlink(target, p), 0);
	free(p);
	cr_assert_neq(asprintf(&p, "%s/.sub.%ld.Ab3xYz", dir, (long)dead), -1);
	cr_assert_eq(mkdir(p, 0700), 0);
	free(p);
	free(target);
	cr_assert_eq(safefile_write(path, "new", 3, NULL), 0);
	cr_expect_eq(list_dir(dir, names, sizeof names), 13, "left: %s", names);
	free(path);
}

/* --- safefile_private_dir ------------------------------------------------------------------ */

/* Expects safefile_private_dir to refuse path with a cause naming it and holding w1 and w2
 * (each may be NULL). */
static void
expect_refused(const char *path, bool create, const char *w1, const char *w2)
{
	char *cause = NULL;

	cr_expect_eq(safefile_private_dir(path, create, &cause), -1, "%s refused", path);
	cr_assert_not_null(cause, "a cause for %s", path);
	cr_expect_not_null(strstr(cause, path), "cause \"%s\" names %s", cause, path);
	if (w1 != NULL)
		cr_expect_not_null(strstr(cause, w1), "cause \"%s\" says \"%s\"", cause, w1);
	if (w2 != NULL)
		cr_expect_not_null(strstr(cause, w2), "cause \"%s\" says \"%s\"", cause, w2);
	free(cause);
}

static unsigned
dir_mode(const char *path)
{
	struct stat st;

	cr_assert_eq(stat(path, &st), 0, "stat %s: %s", path, strerror(errno));
	cr_assert(S_ISDIR(st.st_mode), "%s is a directory", path);
	return (unsigned)(st.st_mode & 07777);
}

Test(safefile, private_dir_is_created_0700_when_missing)
{
	char *sub = join(dir, "reports"), *cause = NULL;
	mode_t old = umask(022);

	cr_expect_eq(safefile_private_dir(sub, true, &cause), 0, "%s", cause);
	cr_expect_null(cause);
	cr_expect_eq(dir_mode(sub), 0700, "mode %o", dir_mode(sub));
	/* Already there and fit: nothing to do, with or without create. */
	cr_expect_eq(safefile_private_dir(sub, true, &cause), 0, "%s", cause);
	cr_expect_eq(safefile_private_dir(sub, false, &cause), 0, "%s", cause);
	cr_expect_null(cause);
	cr_expect_eq(dir_mode(sub), 0700);
	umask(old);
	free(sub);
}

Test(safefile, private_dir_with_a_permissive_umask_is_still_0700)
{
	char *sub = join(dir, "reports"), *cause = NULL;
	mode_t old = umask(0);

	cr_expect_eq(safefile_private_dir(sub, true, &cause), 0, "%s", cause);
	cr_expect_eq(dir_mode(sub), 0700, "mode %o", dir_mode(sub));
	umask(old);
	free(sub);
}

/*
 * A missing directory is made 0700 whatever the umask: mkdir(dir, 0700) alone is cut by a
 * strict one (0277 makes it 0500: not writable, and refused, or as root accepted at 0500).
 */
Test(safefile, private_dir_is_0700_whatever_the_umask)
{
	char *sub = join(dir, "reports"), *cause = NULL;
	mode_t old = umask(0277);

	cr_expect_eq(safefile_private_dir(sub, true, &cause), 0, "%s", cause);
	umask(old);
	cr_expect_eq(dir_mode(sub), 0700, "mode %o", dir_mode(sub));
	free(cause);
	free(sub);
}

Test(safefile, private_dir_missing_and_not_to_be_created)
{
	char *sub = join(dir, "reports"), *cause = NULL, names[256];

	cr_expect_eq(safefile_private_dir(sub, false, &cause), 1);
	cr_expect_null(cause, "missing is an answer, not an error");
	cr_expect_eq(list_dir(dir, names, sizeof names), 0, "left: %s", names);
	free(sub);
}

Test(safefile, private_dir_with_a_missing_parent_is_refused)
{
	char *sub = join(dir, "no/such/reports"), *parent = join(dir, "no"), names[256];

	/* Only the last component is made: a missing parent is more likely a typing
	 * mistake. */
	expect_refused(sub, true, strerror(ENOENT), NULL);
	cr_expect_eq(list_dir(dir, names, sizeof names), 0, "left: %s", names);
	cr_expect_neq(access(parent, F_OK), 0);
	free(parent);
	free(sub);
}

Test(safefile, private_dir_that_is_a_file_is_refused)
{
	char *file = join(dir, "reports");

	cr_assert_eq(safefile_write(file, "x", 1, NULL), 0);
	expect_refused(file, true, "not a directory", NULL);
	expect_refused(file, false, "not a directory", NULL);
	free(file);
}

Test(safefile, private_dir_writable_by_others_is_refused)
{
	char *sub = join(dir, "reports");

	cr_assert_eq(mkdir(sub, 0700), 0);
	cr_assert_eq(chmod(sub, 0777), 0);
	expect_refused(sub, true, "0777", "every user");
	expect_refused(sub, false, "0777", NULL);
	cr_assert_eq(chmod(sub, 0702), 0);
	expect_refused(sub, false, "0702", "every user");
	cr_assert_eq(chmod(sub, 01777), 0);
	expect_refused(sub, false, "1777", "every user");
	cr_expect_eq(dir_mode(sub), 01777, "refused, not changed");
	free(sub);
}

Test(safefile, private_dir_writable_by_its_group_is_refused)
{
	char *sub = join(dir, "reports"), *cause = NULL;

	cr_assert_eq(mkdir(sub, 0700), 0);
	cr_assert_eq(chmod(sub, 0770), 0);
	expect_refused(sub, true, "0770", "its group");
	cr_assert_eq(chmod(sub, 0720), 0);
	expect_refused(sub, false, "0720", "its group");
	/* Readable by the group is the clinic's choice; only writing is refused. */
	cr_assert_eq(chmod(sub, 0750), 0);
	cr_expect_eq(safefile_private_dir(sub, false, &cause), 0, "%s", cause);
	cr_assert_eq(chmod(sub, 0755), 0);
	cr_expect_eq(safefile_private_dir(sub, false, &cause), 0, "%s", cause);
	cr_expect_null(cause);
	free(sub);
}

Test(safefile, private_dir_not_writable_is_refused)
{
	char *sub;

	if (geteuid() == 0) {
		teardown();
		cr_skip_test("root ignores directory permissions");
	}
	sub = join(dir, "reports");
	cr_assert_eq(mkdir(sub, 0700), 0);
	cr_assert_eq(chmod(sub, 0500), 0);
	expect_refused(sub, true, strerror(EACCES), NULL);
	free(sub);
}

Test(safefile, private_dir_of_another_user_is_refused)
{
	char *sub, want[64];

	if (geteuid() != 0) {
		teardown();
		cr_skip_test("only root can give a directory to another user");
	}
	sub = join(dir, "reports");
	cr_assert_eq(mkdir(sub, 0700), 0);
	/* uid 1 ("daemon" on most systems); any uid but ours will do. */
	cr_assert_eq(chown(sub, 1, (gid_t)-1), 0, "chown: %s", strerror(errno));
	snprintf(want, sizeof want, "uid %ld", 1L);
	expect_refused(sub, true, "another user", want);
	expect_refused(sub, false, "another user", NULL);
	free(sub);
}

/* --- safefile_open / append / commit / abort: a file written in pieces --------------------- */

/* Writes old into path, with a second name (old.link) that shows whether it was rewritten
 * in place later. */
static void
old_file(const char *path, const char *old)
{
	char *other = join(dir, "old.link");

	cr_assert_eq(safefile_write(path, old, strlen(old), NULL), 0);
	cr_assert_eq(link(path, other), 0);
	free(other);
}

/* The path of the file of dir whose name starts with prefix, or NULL; caller frees. */
static char *
temp_file(const char *prefix)
{
	struct dirent *de;
	char *path = NULL;
	DIR *d = opendir(dir);

	cr_assert_not_null(d);
	while (path == NULL && (de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			path = join(dir, de->d_name);
	closedir(d);
	return path;
}

Test(safefile, stream_writes_its_pieces_then_replaces_the_file_at_once)
{
	char *path = join(dir, "report.json"), *cause = NULL, *got, *data, *t, names[256];
	struct safefile_stream *s;
	struct stat before, tmp, after;
	size_t i, n = 3 * 1024 * 1024 + 17, len;
	mode_t old;

	old_file(path, "old\n");
	cr_assert_eq(stat(path, &before), 0);
	data = malloc(n);
	cr_assert_not_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)(i * 31 % 251);
	old = umask(0);
	s = safefile_open(path, &cause);
	umask(old);
	cr_assert_not_null(s, "%s", cause);
	/* Pieces of every size, a NUL byte and an empty one among them. */
	cr_assert_eq(safefile_append(s, data, 5, &cause), 0, "%s", cause);
	cr_assert_eq(safefile_append(s, NULL, 0, &cause), 0, "%s", cause);
	cr_assert_eq(safefile_append(s, data + 5, 1, &cause), 0, "%s", cause);
	cr_assert_eq(safefile_append(s, data + 6, n - 6, &cause), 0, "%s", cause);
	/* Until the commit, the old file is in place and the new one is a private dot file. */
	got = read_all(path, &len);
	cr_assert_str_eq(got, "old\n");
	free(got);
	cr_assert_eq(list_dir(dir, names, sizeof names), 3, "left: %s", names);
	t = temp_file(".report.json.");
	cr_assert_not_null(t, "a temporary file: %s", names);
	cr_assert_eq(stat(t, &tmp), 0, "stat %s", t);
	cr_assert_eq(tmp.st_mode & 07777, 0600, "mode %o", (unsigned)(tmp.st_mode & 07777));
	free(t);
	cr_assert_eq(safefile_commit(s, &cause), 0, "%s", cause);
	cr_assert_null(cause);
	got = read_all(path, &len);
	cr_assert_eq(len, n);
	cr_assert_eq(memcmp(got, data, n), 0);
	free(got);
	cr_assert_eq(stat(path, &after), 0);
	cr_assert_neq(after.st_ino, before.st_ino, "replaced by rename, not rewritten");
	cr_assert_eq(after.st_mode & 07777, 0600);
	cr_assert_eq(list_dir(dir, names, sizeof names), 2, "left: %s", names);
	free(data);
	free(path);
}

Test(safefile, stream_of_nothing_makes_an_empty_file)
{
	char *cause = NULL, *got, names[256];
	struct safefile_stream *s;
	size_t len;

	/* A relative name: the temporary file goes to the current directory. */
	cr_assert_eq(chdir(dir), 0);
	s = safefile_open("empty", &cause);
	cr_assert_not_null(s, "%s", cause);
	cr_assert_eq(safefile_commit(s, &cause), 0, "%s", cause);
	got = read_all("empty", &len);
	cr_assert_eq(len, 0);
	free(got);
	cr_assert_eq(list_dir(dir, names, sizeof names), 1, "left: %s", names);
}

Test(safefile, stream_abort_leaves_the_old_file_and_nothing_else)
{
	char *path = join(dir, "report.txt"), *cause = NULL, *got, names[256];
	struct safefile_stream *s;
	size_t len;

	safefile_abort(NULL);
	old_file(path, "old\n");
	s = safefile_open(path, &cause);
	cr_assert_not_null(s, "%s", cause);
	cr_assert_eq(safefile_append(s, "half a rep", 10, &cause), 0, "%s", cause);
	safefile_abort(s);
	got = read_all(path, &len);
	cr_assert_str_eq(got, "old\n");
	free(got);
	cr_assert_eq(list_dir(dir, names, sizeof names), 2, "left: %s", names);
	/* A target that did not exist yet still does not. */
	free(path);
	path = join(dir, "new.txt");
	s = safefile_open(path, &cause);
	cr_assert_not_null(s, "%s", cause);
	safefile_abort(s);
	cr_assert_eq(list_dir(dir, names, sizeof names), 2, "left: %s", names);
	free(path);
}

Test(safefile, stream_refuses_what_safefile_write_refuses)
{
	char *sub = join(dir, "taken"), *fifo = join(dir, "fifo"), *link = join(dir, "link");
	char *missing = join(dir, "no/such/dir/report.txt"), *cause = NULL, names[256];
	const char *const special[] = { sub, fifo, link };
	size_t i;

	cr_assert_null(safefile_open(NULL, &cause));
	cr_assert_not_null(cause);
	free(cause);
	cr_assert_null(safefile_open("", NULL));
	cr_assert_eq(mkdir(sub, 0700), 0);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_assert_eq(symlink("elsewhere", link), 0);
	for (i = 0; i < 3; i++) {
		cr_assert_null(safefile_open(special[i], &cause), "%s refused", special[i]);
		cr_assert_not_null(strstr(cause, "not a regular file"), "cause: %s", cause);
		free(cause);
	}
	cr_assert_eq(chdir(dir), 0);
	cr_assert_null(safefile_open("sub/", &cause));
	check_cause(cause, "sub/", EISDIR);
	cr_assert_null(safefile_open(missing, &cause));
	check_cause(cause, missing, ENOENT);
	cr_assert_eq(list_dir(dir, names, sizeof names), 3, "left: %s", names);
	free(sub);
	free(fifo);
	free(link);
	free(missing);
}

/* A full disk in the middle of a batch's report (a file size limit standing in for ENOSPC,
 * as above): the append says so, and aborting leaves the old report whole and nothing
 * else. */
Test(safefile, stream_failed_append_keeps_the_old_file_and_leaves_nothing)
{
	char *path = join(dir, "report.txt"), *cause = NULL, *got, names[256];
	static char big[4096];
	struct rlimit rl = { .rlim_cur = 1024, .rlim_max = RLIM_INFINITY };
	struct safefile_stream *s;
	size_t len;

	old_file(path, "old");
	memset(big, 'x', sizeof big);
	s = safefile_open(path, &cause);
	cr_assert_not_null(s, "%s", cause);
	cr_assert_eq(safefile_append(s, NULL, 1, &cause), -1);
	check_cause(cause, path, EINVAL);
	cr_assert_neq(signal(SIGXFSZ, SIG_IGN), SIG_ERR);
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0, "setrlimit: %s", strerror(errno));
	cr_assert_eq(safefile_append(s, big, 1000, &cause), 0, "%s", cause);
	cr_assert_eq(safefile_append(s, big, sizeof big, &cause), -1);
	check_cause(cause, path, EFBIG);
	safefile_abort(s);
	got = read_all(path, &len);
	cr_assert_str_eq(got, "old");
	free(got);
	cr_assert_eq(list_dir(dir, names, sizeof names), 2, "left: %s", names);
	free(path);
}

/* Something put at the target while the batch ran (here a directory) is not replaced: the
 * commit fails, the temporary file goes, and what is there stays. */
Test(safefile, stream_commit_refuses_a_target_that_became_special)
{
	char *path = join(dir, "report.txt"), *inside = join(dir, "report.txt/kept");
	char *cause = NULL, names[256];
	struct safefile_stream *s;
	FILE *fp;

	s = safefile_open(path, &cause);
	cr_assert_not_null(s, "%s", cause);
	cr_assert_eq(safefile_append(s, "new", 3, &cause), 0, "%s", cause);
	cr_assert_eq(mkdir(path, 0700), 0);
	fp = fopen(inside, "w");
	cr_assert_not_null(fp);
	fclose(fp);
	cr_assert_eq(safefile_commit(s, &cause), -1);
	cr_assert_not_null(strstr(cause, "not a regular file"), "cause: %s", cause);
	free(cause);
	cr_assert_eq(access(inside, F_OK), 0, "the directory is untouched");
	cr_assert_eq(list_dir(dir, names, sizeof names), 1, "left: %s", names);
	cr_assert_eq(unlink(inside), 0);
	free(inside);
	free(path);
}
