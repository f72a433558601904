/*
 * The baseline bench/run.sh compares r3mes-sidecar with: the least a C program must do for the same job.
 *   baseline files SRC_DIR OUT_DIR N           reads SRC_DIR/s<i>.txt, writes OUT_DIR/s<i> (i < N)
 *   baseline vault HOST PORT TOKEN OUT_DIR N   GET /v1/secret/data/bench/s<i> (HTTP/1.1, one kept-alive connection),
 *                                              writes the "value" field to OUT_DIR/s<i>
 *   baseline sighup-child RECORD               appends CLOCK_MONOTONIC ns to RECORD at every SIGHUP; exits on SIGTERM
 *   baseline change FILE RECORD N GAP_MS       N times: rewrites FILE (temp + rename), waits for RECORD to gain a
 *                                              line, prints the change-to-signal latency in microseconds
 * Every write is what the sidecar does at minimum: a fresh temporary file created O_EXCL with mode 0600, the bytes,
 * fsync, rename over the name, fsync of the directory.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) { perror(what); exit(1); }

static void atomic_write(int dirfd, const char *name, const char *data, size_t len)
{
    char temp[512];
    snprintf(temp, sizeof temp, ".%s.tmp", name);
    int fd = openat(dirfd, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) die("open temp");
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0) die("write");
        done += (size_t)n;
    }
    if (fsync(fd) != 0) die("fsync");
    if (close(fd) != 0) die("close");
    if (renameat(dirfd, temp, dirfd, name) != 0) die("rename");
    if (fsync(dirfd) != 0) die("fsync dir");
}

static int files(const char *src, const char *out, int n)
{
    int dirfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) die("open out");
    static char buf[1 << 16];
    for (int i = 0; i < n; i++) {
        char path[4096], name[64];
        snprintf(path, sizeof path, "%s/s%d.txt", src, i);
        snprintf(name, sizeof name, "s%d", i);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) die(path);
        ssize_t len = read(fd, buf, sizeof buf);
        if (len < 0) die("read");
        close(fd);
        atomic_write(dirfd, name, buf, (size_t)len);
    }
    return 0;
}

/* Reads one HTTP/1.1 response (Content-Length or chunked) into body; returns its length. */
static size_t read_response(int sock, char *body, size_t cap)
{
    static char raw[1 << 16];
    size_t have = 0;
    char *end = NULL;
    while (!(end = memmem(raw, have, "\r\n\r\n", 4))) {
        ssize_t n = recv(sock, raw + have, sizeof raw - have, 0);
        if (n <= 0) die("recv headers");
        have += (size_t)n;
    }
    if (strncmp(raw, "HTTP/1.1 200", 12) != 0) { fprintf(stderr, "unexpected answer: %.40s\n", raw); exit(1); }
    size_t header_len = (size_t)(end - raw) + 4;
    raw[header_len - 1] = 0;
    char *cl = strcasestr(raw, "\r\ncontent-length:");
    int chunked = strcasestr(raw, "\r\ntransfer-encoding: chunked") != NULL;
    size_t rest = have - header_len;
    memmove(raw, raw + header_len, rest);
    have = rest;
    size_t out = 0;
    if (cl && !chunked) {
        size_t want = strtoul(cl + 17, NULL, 10);
        while (have < want) {
            ssize_t n = recv(sock, raw + have, sizeof raw - have, 0);
            if (n <= 0) die("recv body");
            have += (size_t)n;
        }
        memcpy(body, raw, want < cap ? want : cap);
        return want;
    }
    size_t pos = 0;
    for (;;) {
        char *line;
        while (!(line = memmem(raw + pos, have - pos, "\r\n", 2))) {
            ssize_t n = recv(sock, raw + have, sizeof raw - have, 0);
            if (n <= 0) die("recv chunk");
            have += (size_t)n;
        }
        size_t size = strtoul(raw + pos, NULL, 16);
        size_t start = (size_t)(line - raw) + 2;
        while (have < start + size + 2) {
            ssize_t n = recv(sock, raw + have, sizeof raw - have, 0);
            if (n <= 0) die("recv chunk data");
            have += (size_t)n;
        }
        if (size == 0) return out;
        memcpy(body + out, raw + start, size < cap - out ? size : cap - out);
        out += size;
        pos = start + size + 2;
    }
}

static int vault(const char *host, int port, const char *token, const char *out, int n)
{
    int dirfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) die("open out");
    int sock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
    inet_pton(AF_INET, host, &addr.sin_addr);
    if (connect(sock, (struct sockaddr *)&addr, sizeof addr) != 0) die("connect");
    static char body[1 << 16];
    for (int i = 0; i < n; i++) {
        char request[1024], name[64];
        int len = snprintf(request, sizeof request,
            "GET /v1/secret/data/bench/s%d HTTP/1.1\r\nHost: %s:%d\r\nX-Vault-Token: %s\r\n\r\n", i, host, port, token);
        if (send(sock, request, (size_t)len, 0) != len) die("send");
        size_t got = read_response(sock, body, sizeof body - 1);
        body[got] = 0;
        char *value = strstr(body, "\"value\":\"");
        if (!value) { fprintf(stderr, "no value in s%d\n", i); return 1; }
        value += 9;
        char *close_quote = strchr(value, '"');
        snprintf(name, sizeof name, "s%d", i);
        atomic_write(dirfd, name, value, (size_t)(close_quote - value));
    }
    close(sock);
    return 0;
}

static long long monotonic_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int record_fd = -1;
static volatile sig_atomic_t stop;

static void on_hup(int sig)
{
    (void)sig;
    char line[32];
    long long ns = monotonic_ns();
    int len = 0;
    char digits[24];
    do { digits[len++] = (char)('0' + ns % 10); ns /= 10; } while (ns > 0);
    for (int i = 0; i < len; i++) line[i] = digits[len - 1 - i];
    line[len] = '\n';
    (void)!write(record_fd, line, (size_t)len + 1);
}

static void on_term(int sig) { (void)sig; stop = 1; }

static int sighup_child(const char *record)
{
    record_fd = open(record, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (record_fd < 0) die("open record");
    struct sigaction hup = { .sa_handler = on_hup, .sa_flags = SA_RESTART };
    struct sigaction term = { .sa_handler = on_term };
    sigaction(SIGHUP, &hup, NULL);
    sigaction(SIGTERM, &term, NULL);
    sigaction(SIGINT, &term, NULL);
    while (!stop) pause();
    return 0;
}

static int count_lines(const char *path, long long *last)
{
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    int lines = 0;
    long long value;
    while (fscanf(f, "%lld", &value) == 1) { lines++; *last = value; }
    fclose(f);
    return lines;
}

static void sleep_ms(long ms)
{
    struct timespec t = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
    while (nanosleep(&t, &t) != 0 && errno == EINTR) { }
}

static int change(const char *file, const char *record, int n, long gap_ms)
{
    char dir[4096], name[512];
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    if (!slash) { fprintf(stderr, "FILE must contain a directory\n"); return 2; }
    *slash = 0;
    snprintf(name, sizeof name, "%s", slash + 1);
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) die("open source dir");
    long long last = 0;
    int seen = count_lines(record, &last);
    for (int i = 0; i < n; i++) {
        char value[64];
        int len = snprintf(value, sizeof value, "changed-%d-%lld\n", i, monotonic_ns());
        long long before = monotonic_ns();
        atomic_write(dirfd, name, value, (size_t)len);
        long long deadline = before + 10000000000LL;
        int now;
        while ((now = count_lines(record, &last)) <= seen) {
            if (monotonic_ns() > deadline) { fprintf(stderr, "no SIGHUP within 10 s of change %d\n", i); return 1; }
            sleep_ms(1);
        }
        seen = now;
        printf("%lld\n", (last - before) / 1000);
        fflush(stdout);
        sleep_ms(gap_ms);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "files") == 0) return files(argv[2], argv[3], atoi(argv[4]));
    if (argc == 7 && strcmp(argv[1], "vault") == 0) return vault(argv[2], atoi(argv[3]), argv[4], argv[5], atoi(argv[6]));
    if (argc == 3 && strcmp(argv[1], "sighup-child") == 0) return sighup_child(argv[2]);
    if (argc == 6 && strcmp(argv[1], "change") == 0) return change(argv[2], argv[3], atoi(argv[4]), atol(argv[5]));
    fprintf(stderr, "usage: see the comment at the top of bench/baseline/baseline.c\n");
    return 2;
}
