/* bigalloc.c: large blocks freed by a fuzz input are kept for the next
 * one, linked into every fuzzer (the Makefile).
 *
 * Why: ASan serves every block above 128 KB with a fresh mmap and unmaps
 * it on release, so each page of such a block costs a page fault the
 * first time it is touched (about 15 us here, on a virtual machine).
 * libebur128 allocates its 3 s window (rate x channels x 8 bytes: 190 KB
 * for one channel at 8 kHz, 2.3 MB for two at 48 kHz) and zeroes it, and
 * loudness~ makes up to three of them per input: those page faults were
 * 80% of the loudness fuzzers' time (200 to 500 inputs in 5 s). Kept
 * blocks are already mapped: zeroing one again costs a memset.
 *
 * What ASan still sees: a kept block is the same ASan chunk, so its
 * redzones still catch overflows. While kept it is poisoned: a use after
 * free reads as "use-after-poison", and freeing it again aborts here as a
 * double free. It is handed out again for a half to all of its size, the
 * rest staying poisoned (an overflow into it reads as use-after-poison,
 * not heap-buffer-overflow), and with ASan's malloc fill (its first 4 KB
 * set to 0xbe, as ASan does) over the old contents, so that code reading
 * memory it never wrote does not find zeros.
 *
 * How: ASan (clang 14 to 16) defines malloc, calloc, realloc and free as
 * weak aliases of __interceptor_<name> (___interceptor_<name> from clang
 * 17), so these strong definitions take their place and call ASan's for
 * everything else. Small blocks and blocks above KEEP_BYTES / 4 go
 * straight to ASan; the oldest kept blocks are released to keep at most
 * KEEP_MAX blocks and KEEP_BYTES.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sanitizer/allocator_interface.h>
#include <sanitizer/asan_interface.h>

/* above ASan's largest size class (128 KB): the blocks it mmaps */
#define BIG ((size_t)96 << 10)
#define KEEP_MAX 128
#define KEEP_BYTES ((size_t)512 << 20)
#define FILL_BYTES 4096
#define FILL 0xbe

/* ASan's own functions, under the names of either generation */
#define ASAN_FN(ret, name, args)                                        \
    extern ret __interceptor_##name args __attribute__((weak));        \
    extern ret ___interceptor_##name args __attribute__((weak));
ASAN_FN(void *, malloc, (size_t))
ASAN_FN(void *, calloc, (size_t, size_t))
ASAN_FN(void *, realloc, (void *, size_t))
ASAN_FN(void, free, (void *))
#define ASAN(name)                                                      \
    (__interceptor_##name ? __interceptor_##name                        \
     : ___interceptor_##name ? ___interceptor_##name : missing_##name())

static void die(const char *why)
{
    fprintf(stderr, "bigalloc: %s\n", why);
    abort();
}
#define MISSING(ret, name, args)                                        \
    static ret (*missing_##name(void)) args                             \
    {                                                                   \
        die("no ASan " #name " to call (a clang whose ASan names it "   \
            "otherwise: see tests/fuzz/bigalloc.c)");                   \
        return 0;                                                       \
    }
MISSING(void *, malloc, (size_t))
MISSING(void *, calloc, (size_t, size_t))
MISSING(void *, realloc, (void *, size_t))
MISSING(void, free, (void *))

static struct {
    void *p;
    size_t size;
} kept[KEEP_MAX];
static int nkept;
static size_t kept_bytes;
static unsigned char busy; /* libFuzzer's own threads allocate too */
/* set once ASan is up: before, its allocator cannot answer questions
 * (it frees during its own start) */
static int ready;

__attribute__((constructor)) static void start(void) { ready = 1; }

static void lock(void)
{
    while (__atomic_test_and_set(&busy, __ATOMIC_ACQUIRE))
        ;
}

static void unlock(void) { __atomic_clear(&busy, __ATOMIC_RELEASE); }

static int find(const void *p)
{
    for (int i = 0; i < nkept; i++)
        if (kept[i].p == p)
            return i;
    return -1;
}

/* remove entry i, keeping the others in order (oldest first) */
static void *take(int i)
{
    void *p = kept[i].p;
    kept_bytes -= kept[i].size;
    memmove(kept + i, kept + i + 1, (size_t)(nkept - i - 1) * sizeof *kept);
    nkept--;
    return p;
}

/* the smallest kept block of n to 2n bytes, usable for n bytes (the rest
 * stays poisoned: reading past n is reported as use-after-poison); or
 * NULL. Odd sample rates make odd sizes: exact matches alone would miss. */
static void *reuse(size_t n)
{
    void *p = NULL;
    int best = -1;
    lock();
    for (int i = nkept - 1; i >= 0; i--)
        if (kept[i].size >= n && kept[i].size / 2 <= n
            && (best < 0 || kept[i].size < kept[best].size))
            best = i;
    if (best >= 0)
        p = take(best);
    unlock();
    if (p)
        __asan_unpoison_memory_region(p, n);
    return p;
}

void *malloc(size_t n)
{
    void *p = ready && n >= BIG ? reuse(n) : NULL;
    if (!p)
        return ASAN(malloc)(n);
    memset(p, FILL, FILL_BYTES);
    return p;
}

void *calloc(size_t k, size_t n)
{
    if (n && k > SIZE_MAX / n)
        return ASAN(calloc)(k, n); /* it reports the overflow */
    void *p = ready && k * n >= BIG ? reuse(k * n) : NULL;
    if (!p)
        return ASAN(calloc)(k, n);
    memset(p, 0, k * n);
    return p;
}

void free(void *p)
{
    /* not ASan's (a wild pointer or one it has freed): ASan reports it */
    if (!ready || !p || !__sanitizer_get_ownership(p)) {
        ASAN(free)(p);
        return;
    }
    size_t n = __sanitizer_get_allocated_size(p);
    if (n < BIG || n > KEEP_BYTES / 4) {
        ASAN(free)(p);
        return;
    }
    void *out[KEEP_MAX];
    int nout = 0;
    lock();
    if (find(p) >= 0) {
        unlock();
        die("double free of a large block (kept for reuse, see "
            "tests/fuzz/bigalloc.c)");
    }
    /* room: release the oldest */
    while (nkept && (nkept == KEEP_MAX || kept_bytes + n > KEEP_BYTES))
        out[nout++] = take(0);
    kept[nkept].p = p;
    kept[nkept].size = n;
    nkept++;
    kept_bytes += n;
    unlock();
    __asan_poison_memory_region(p, n);
    for (int i = 0; i < nout; i++) {
        __asan_unpoison_memory_region(out[i],
                                      __sanitizer_get_allocated_size(out[i]));
        ASAN(free)(out[i]);
    }
}

void *realloc(void *p, size_t n)
{
    if (ready && p && __sanitizer_get_ownership(p)) {
        lock();
        int i = find(p);
        unlock();
        if (i >= 0)
            die("realloc of a freed large block (kept for reuse, see "
                "tests/fuzz/bigalloc.c)");
    }
    return ASAN(realloc)(p, n);
}
