/* allocshim.c: an LD_PRELOAD shim that measures real-time safety
 * (contract convention 12): it counts malloc/calloc/realloc/free (and the
 * aligned variants) made while Pd is inside a DSP tick by mixmaster code.
 *
 * An allocation counts when its call stack (backtrace()) holds both a
 * frame of Pd's dsp_tick (found by name with dladdr: the pd binary exports
 * its symbols) and a frame inside a shared object loaded from one of the
 * directories in MM_RT_LIBDIRS (colon-separated; the staged libdir). So
 * the dsp method (called when the graph is built, not from dsp_tick) may
 * allocate; the perform routines may not.
 *
 * At exit, in each process that loaded a shared object from those
 * directories, the shim appends to $MM_RT_LOG (default stderr):
 *   rtalloc pid <pid> loaded <objects> ticks_seen <0|1> ours <n>
 *           malloc <n> calloc <n> realloc <n> free <n>
 * (ours: calls by our code inside DSP ticks; malloc..free: all calls made
 * inside DSP ticks, by anyone; ticks_seen 1 once any was made)
 * followed by up to 4 offending call stacks, one frame per line:
 *   rtalloc stack <k> <object file>(<symbol>+<offset>)
 *
 * Build: cc -shared -fPIC -O2 -o allocshim.so allocshim.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void *(*malloc_fn)(size_t);
typedef void *(*calloc_fn)(size_t, size_t);
typedef void *(*realloc_fn)(void *, size_t);
typedef void (*free_fn)(void *);
typedef int (*memalign_fn)(void **, size_t, size_t);
typedef void *(*aligned_fn)(size_t, size_t);

static malloc_fn real_malloc;
static calloc_fn real_calloc;
static realloc_fn real_realloc;
static free_fn real_free;
static memalign_fn real_posix_memalign;
static aligned_fn real_aligned_alloc, real_memalign;

/* dlsym may calloc before real_calloc is known: serve it from here */
static char boot[8192];
static size_t boot_used;

static __thread int busy;     /* inside the shim: pass through */
static int ready;

#define MAXDIRS 8
static char dirs[MAXDIRS][600];
static int ndirs;

enum { K_MALLOC, K_CALLOC, K_REALLOC, K_FREE, K_N };
static unsigned long count[K_N], ours, ticks_seen;
#define MAXSTACKS 4
#define DEPTH 24
static void *stacks[MAXSTACKS][DEPTH];
static int stack_len[MAXSTACKS];
static int nstacks;

static void resolve(void)
{
    busy = 1;
    real_malloc = (malloc_fn)dlsym(RTLD_NEXT, "malloc");
    real_calloc = (calloc_fn)dlsym(RTLD_NEXT, "calloc");
    real_realloc = (realloc_fn)dlsym(RTLD_NEXT, "realloc");
    real_free = (free_fn)dlsym(RTLD_NEXT, "free");
    real_posix_memalign = (memalign_fn)dlsym(RTLD_NEXT, "posix_memalign");
    real_aligned_alloc = (aligned_fn)dlsym(RTLD_NEXT, "aligned_alloc");
    real_memalign = (aligned_fn)dlsym(RTLD_NEXT, "memalign");
    busy = 0;
}

__attribute__((constructor)) static void shim_init(void)
{
    if (!real_malloc)
        resolve();
    busy = 1;
    const char *env = getenv("MM_RT_LIBDIRS");
    if (env) {
        const char *p = env;
        while (*p && ndirs < MAXDIRS) {
            const char *e = strchr(p, ':');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (len > 0 && len < sizeof dirs[0]) {
                char tmp[512], *rp;
                memcpy(tmp, p, len);
                tmp[len] = 0;
                rp = realpath(tmp, NULL);
                snprintf(dirs[ndirs++], sizeof dirs[0], "%s/", rp ? rp : tmp);
                free(rp);
            }
            p = e ? e + 1 : p + len;
        }
    }
    void *warm[4];
    backtrace(warm, 4); /* loads libgcc_s now, not inside a tick */
    busy = 0;
    ready = 1;
}

static int in_dirs(const char *fname)
{
    for (int i = 0; i < ndirs; i++)
        if (!strncmp(fname, dirs[i], strlen(dirs[i])))
            return 1;
    return 0;
}

/* Is this call made by our code inside a DSP tick? */
static void check(int kind)
{
    if (busy || !ready || ndirs == 0)
        return;
    busy = 1;
    void *frames[64];
    int n = backtrace(frames, 64);
    int tick = 0, mine = 0;
    for (int i = 1; i < n; i++) {
        Dl_info info;
        if (!dladdr((char *)frames[i] - 1, &info))
            continue;
        if (info.dli_sname && !strcmp(info.dli_sname, "dsp_tick"))
            tick = 1;
        if (info.dli_fname && in_dirs(info.dli_fname))
            mine = 1;
    }
    if (tick) {
        ticks_seen = 1;
        count[kind]++;
        if (mine) {
            ours++;
            if (nstacks < MAXSTACKS) {
                int k = n - 1 < DEPTH ? n - 1 : DEPTH;
                memcpy(stacks[nstacks], frames + 1, (size_t)k * sizeof(void *));
                stack_len[nstacks++] = k;
            }
        }
    }
    busy = 0;
}

void *malloc(size_t size)
{
    if (!real_malloc)
        resolve();
    check(K_MALLOC);
    return real_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    if (!real_calloc) {
        /* inside dlsym during resolve(): a static block */
        size_t want = (n * size + 15) & ~(size_t)15;
        if (boot_used + want > sizeof boot)
            return NULL;
        void *p = boot + boot_used;
        boot_used += want;
        return p;
    }
    check(K_CALLOC);
    return real_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    if (!real_realloc)
        resolve();
    check(K_REALLOC);
    return real_realloc(p, size);
}

void free(void *p)
{
    if ((char *)p >= boot && (char *)p < boot + sizeof boot)
        return;
    if (!real_free)
        resolve();
    if (p)
        check(K_FREE);
    real_free(p);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    if (!real_posix_memalign)
        resolve();
    check(K_MALLOC);
    return real_posix_memalign(out, align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
    if (!real_aligned_alloc)
        resolve();
    check(K_MALLOC);
    return real_aligned_alloc(align, size);
}

void *memalign(size_t align, size_t size)
{
    if (!real_memalign)
        resolve();
    check(K_MALLOC);
    return real_memalign(align, size);
}

static void say(int fd, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (len > (int)sizeof buf - 1)
        len = sizeof buf - 1;
    if (len > 0 && write(fd, buf, (size_t)len) < 0)
        return;
}

static int count_loaded(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    if (info->dlpi_name && in_dirs(info->dlpi_name))
        ++*(int *)data;
    return 0;
}

__attribute__((destructor)) static void shim_report(void)
{
    int loaded = 0;
    busy = 1;
    dl_iterate_phdr(count_loaded, &loaded);
    if (!loaded)
        return;
    const char *path = getenv("MM_RT_LOG");
    int fd = path ? open(path, O_WRONLY | O_CREAT | O_APPEND, 0644) : 2;
    if (fd < 0)
        fd = 2;
    say(fd, "rtalloc pid %d loaded %d ticks_seen %lu ours %lu malloc %lu "
        "calloc %lu realloc %lu free %lu\n", (int)getpid(), loaded,
        ticks_seen, ours,
        count[K_MALLOC], count[K_CALLOC], count[K_REALLOC], count[K_FREE]);
    for (int s = 0; s < nstacks; s++) {
        for (int i = 0; i < stack_len[s]; i++) {
            Dl_info info;
            if (dladdr((char *)stacks[s][i] - 1, &info) && info.dli_fname)
                say(fd, "rtalloc stack %d %s(%s+0x%lx)\n", s + 1,
                    info.dli_fname, info.dli_sname ? info.dli_sname : "?",
                    (unsigned long)((char *)stacks[s][i] -
                                    (char *)(info.dli_saddr ? info.dli_saddr
                                                            : info.dli_fbase)));
        }
    }
    if (fd != 2)
        close(fd);
}
