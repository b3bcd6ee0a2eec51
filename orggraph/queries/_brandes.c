/*
 * Exact betweenness of an undirected graph reduced by its dangling trees, in C.
 *
 * The same algorithm, step for step, as the numba kernels of orggraph/queries/brandes.py (see
 * orggraph/queries/betweenness.py for the method and its references): leaves are peeled into
 * the node they hang from, the pairs that a cut vertex separates are counted, and Brandes'
 * accumulation, weighted by the size of the tree each node absorbed, runs on what is left (the
 * 2-core). This module loads in a millisecond, where numba takes more than half a second, so a
 * small city's boundary spanners cost almost nothing.
 *
 * One function, reduced_betweenness(n, edges, threads=1), returns the normalised betweenness of
 * nodes 0 ... n - 1 as a list of floats. The work runs without the GIL; from a 2-core of
 * `parallel_from` nodes on, the sources are cut into SLICES slices, shared among `threads` POSIX
 * threads, and the slices are added in a fixed order: the result does not depend on `threads`.
 * A signal handler that raises (Ctrl-C's KeyboardInterrupt) stops the work within a fraction of a
 * second: the calling thread takes the GIL back now and then to let Python run its handlers.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <pthread.h>
#include <time.h>
#define HAVE_THREADS 1
#endif

#define SLICES 8

#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define NOINLINE __declspec(noinline)
#else
#define NOINLINE
#endif
#define LOOK_EVERY 0.1 /* seconds between two looks for a raised signal handler */

#ifdef HAVE_THREADS /* a flag shared by the threads */
#define LOAD(flag) __atomic_load_n(&(flag), __ATOMIC_RELAXED)
#define STORE(flag, value) __atomic_store_n(&(flag), (value), __ATOMIC_RELAXED)
#else
#define LOAD(flag) (flag)
#define STORE(flag, value) ((flag) = (value))
#endif

typedef int64_t i64;
typedef int32_t i32;

/* A graph in compressed sparse rows: the neighbours of v are adj[ptr[v]] ... adj[ptr[v + 1] - 1],
 * in increasing order, each undirected edge listed from both ends. */
typedef struct {
    i64 n;
    i64 *ptr;
    i64 *adj;
} Csr;

static int compare_i64(const void *a, const void *b) {
    i64 x = *(const i64 *)a, y = *(const i64 *)b;
    return (x > y) - (x < y);
}

/* Build the simple graph of m edges (ends[2k], ends[2k + 1]), self-loops already left out:
 * rows sorted, repeated edges kept once. Returns 0, or -1 when memory runs out. */
static int csr_build(Csr *g, i64 n, const i64 *ends, i64 m) {
    i64 *fill = calloc((size_t)n + 1, sizeof(i64));
    g->n = n;
    g->ptr = calloc((size_t)n + 1, sizeof(i64));
    g->adj = malloc(sizeof(i64) * (size_t)(2 * m + 1));
    if (!fill || !g->ptr || !g->adj) {
        free(fill);
        return -1;
    }
    for (i64 k = 0; k < 2 * m; k++) g->ptr[ends[k] + 1]++;
    for (i64 v = 0; v < n; v++) g->ptr[v + 1] += g->ptr[v];
    for (i64 k = 0; k < m; k++) {
        i64 a = ends[2 * k], b = ends[2 * k + 1];
        g->adj[g->ptr[a] + fill[a]++] = b;
        g->adj[g->ptr[b] + fill[b]++] = a;
    }
    /* Sort each row and drop repeats, compacting the rows towards the front. */
    i64 out = 0, begin = 0;
    for (i64 v = 0; v < n; v++) {
        i64 end = g->ptr[v + 1];
        qsort(g->adj + begin, (size_t)(end - begin), sizeof(i64), compare_i64);
        g->ptr[v] = out;
        for (i64 i = begin; i < end; i++)
            if (i == begin || g->adj[i] != g->adj[i - 1]) g->adj[out++] = g->adj[i];
        begin = end;
    }
    g->ptr[n] = out;
    free(fill);
    return 0;
}

/* Remove leaves until none is left: tree parent, absorbed size (itself included), peeled flag. */
static void peel(const Csr *g, i64 *parent, i64 *size, char *peeled, i64 *degree, i64 *stack) {
    i64 top = 0;
    for (i64 v = 0; v < g->n; v++) {
        degree[v] = g->ptr[v + 1] - g->ptr[v];
        parent[v] = -1;
        size[v] = 1;
        peeled[v] = 0;
    }
    for (i64 v = 0; v < g->n; v++)
        if (degree[v] == 1) stack[top++] = v;
    while (top > 0) {
        i64 v = stack[--top];
        if (degree[v] != 1) continue; /* its last neighbour went first: a tree component's root */
        peeled[v] = 1;
        degree[v] = 0;
        for (i64 i = g->ptr[v]; i < g->ptr[v + 1]; i++) {
            i64 u = g->adj[i];
            if (!peeled[u]) {
                parent[v] = u;
                size[u] += size[v];
                if (--degree[u] == 1) stack[top++] = u;
                break;
            }
        }
    }
}

/* The size of every node's component, and all nodes in breadth-first order (which, used as the
 * 2-core's numbering, keeps neighbours close together in memory). */
static void components(const Csr *g, i64 *component, i64 *order, i64 *label, i64 *counts) {
    i64 tail = 0;
    for (i64 v = 0; v < g->n; v++) label[v] = -1;
    for (i64 start = 0; start < g->n; start++) {
        if (label[start] >= 0) continue;
        label[start] = start;
        order[tail] = start;
        i64 head = tail, first = tail;
        tail++;
        while (head < tail) {
            i64 v = order[head++];
            for (i64 i = g->ptr[v]; i < g->ptr[v + 1]; i++) {
                i64 u = g->adj[i];
                if (label[u] < 0) {
                    label[u] = start;
                    order[tail++] = u;
                }
            }
        }
        counts[start] = tail - first;
    }
    for (i64 v = 0; v < g->n; v++) component[v] = counts[label[v]];
}

/* The 2-core in 32-bit numbers (a 2-core has far fewer than 2**31 nodes; half the memory to
 * walk), with the weight of each of its nodes. */
typedef struct {
    i32 n;
    i32 *ptr;
    i32 *adj;
    double *weight;
} Core;

/* What lets Python's signal handlers run while the kernel works without the GIL. Only the thread
 * that called the kernel may take the GIL back (it holds the thread state in *save); when a
 * handler raises, stop is set and every thread leaves before its next CHUNK sources. */
typedef struct {
    PyThreadState **save;
    double due; /* when the calling thread looks next, in monotonic seconds */
    int stop;   /* LOAD and STORE only */
#ifdef HAVE_THREADS
    pthread_mutex_t lock; /* guards finished */
    pthread_cond_t done;  /* signalled as each thread other than the caller's finishes */
    int finished;
#endif
} Watch;

static double seconds(void) {
#ifdef _WIN32
    return (double)GetTickCount64() / 1000.0;
#else
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
#endif
}

/* Called by the calling thread only: once every LOOK_EVERY seconds, run Python's pending signal
 * handlers; returns nonzero (with the exception set) when one raised, and then stops all. */
static int look(Watch *w) {
    if (LOAD(w->stop)) return 1;
    double now = seconds();
    if (now < w->due) return 0;
    w->due = now + LOOK_EVERY;
    PyEval_RestoreThread(*w->save);
    int raised = PyErr_CheckSignals();
    *w->save = PyEval_SaveThread();
    if (raised) STORE(w->stop, 1);
    return raised;
}

typedef struct {
    const Core *core;
    Watch *watch;
    double *sums; /* SLICES rows of core->n */
    int thread, threads, slices;
    int caller; /* run by the calling thread, which looks for signals */
    int failed;
} Job;

#define CHUNK 16 /* sources between two looks for a stop */

/* Sum over sources s in first ... last - 1 and t != s, v of w(s) w(t) sigma_st(v) / sigma_st into
 * out, on the graph of n nodes (ptr, adj) with weights. Each node's successors on shortest paths
 * are recorded on the way out (succ, from start), so that the way back reads only those. The
 * arrays do not overlap (restrict); dist is -1 and sigma 0 everywhere between two sources.
 * Compiled on its own (NOINLINE): inlined into its caller, GCC 12 gave it 17% more instructions. */
NOINLINE static void sources(i32 first, i32 last, const i32 *restrict ptr, const i32 *restrict adj,
                    const double *restrict weight, double *restrict out, i32 *restrict dist,
                    i32 *restrict order, i32 *restrict succ, i32 *restrict start,
                    double *restrict sigma, double *restrict share) {
    for (i32 s = first; s < last; s++) {
        i32 head = 0, tail = 1, k = 0;
        dist[s] = 0;
        sigma[s] = 1.0;
        order[0] = s;
        while (head < tail) {
            i32 v = order[head];
            start[head++] = k;
            i32 step = dist[v] + 1;
            double paths = sigma[v];
            for (i32 i = ptr[v], end = ptr[v + 1]; i < end; i++) {
                i32 u = adj[i], reached = dist[u];
                if (reached < 0) {
                    dist[u] = reached = step;
                    order[tail++] = u;
                }
                if (reached == step) {
                    sigma[u] += paths;
                    succ[k++] = u;
                }
            }
        }
        start[tail] = k;
        for (i32 j = tail - 1; j > 0; j--) { /* farthest first: successors are done */
            i32 v = order[j];
            double total = 0.0;
            for (i32 i = start[j], end = start[j + 1]; i < end; i++) total += share[succ[i]];
            double delta = sigma[v] * total;
            share[v] = (weight[v] + delta) / sigma[v];
            out[v] += weight[s] * delta;
        }
        for (i32 j = 0; j < tail; j++) { /* reset only what this source reached */
            dist[order[j]] = -1;
            sigma[order[j]] = 0.0;
        }
    }
}

/* The sums of sources() over a slice, CHUNK sources at a time, leaving early when the work is
 * stopped (the calling thread looks for signals between two chunks). Returns -1 when memory
 * runs out. */
static int brandes_slice(const Core *c, i32 first, i32 last, double *out, Watch *w, int caller) {
    i32 n = c->n, arcs = c->ptr[n];
    i32 *dist = malloc(sizeof(i32) * (size_t)n), *order = malloc(sizeof(i32) * (size_t)n);
    i32 *succ = malloc(sizeof(i32) * ((size_t)arcs + 1));
    i32 *start = malloc(sizeof(i32) * ((size_t)n + 1));
    double *sigma = calloc((size_t)n, sizeof(double)), *share = calloc((size_t)n, sizeof(double));
    int ok = dist && order && succ && start && sigma && share;
    if (ok) {
        for (i32 v = 0; v < n; v++) dist[v] = -1;
        for (i32 s = first; s < last && !LOAD(w->stop) && !(caller && look(w)); s += CHUNK)
            sources(s, last - s < CHUNK ? last : s + CHUNK, c->ptr, c->adj, c->weight, out, dist,
                    order, succ, start, sigma, share);
    }
    free(dist);
    free(order);
    free(succ);
    free(start);
    free(sigma);
    free(share);
    return ok ? 0 : -1;
}

/* Slice k of n sources starts where numpy.linspace(0, n, SLICES + 1) puts it. */
static i32 slice_bound(i32 n, int k, int slices) {
    if (k == slices) return n;
    return (i32)((double)k * ((double)n / (double)slices));
}

static void *run_job(void *arg) {
    Job *job = arg;
    const Core *c = job->core;
    for (int k = job->thread; k < job->slices; k += job->threads)
        if (brandes_slice(c, slice_bound(c->n, k, job->slices),
                          slice_bound(c->n, k + 1, job->slices), job->sums + (size_t)k * c->n,
                          job->watch, job->caller))
            job->failed = 1;
    return NULL;
}

#ifdef HAVE_THREADS
static void *run_thread(void *arg) {
    Job *job = arg;
    run_job(job);
    pthread_mutex_lock(&job->watch->lock);
    job->watch->finished++;
    pthread_cond_signal(&job->watch->done);
    pthread_mutex_unlock(&job->watch->lock);
    return NULL;
}

/* Wait until `running` threads have finished, looking for signals every LOOK_EVERY seconds. */
static void wait_looking(Watch *w, int running) {
    pthread_mutex_lock(&w->lock);
    while (w->finished < running) {
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline); /* the clock pthread_cond_timedwait reads */
        deadline.tv_nsec += (long)(LOOK_EVERY * 1e9);
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        if (pthread_cond_timedwait(&w->done, &w->lock, &deadline) != 0 && w->finished < running) {
            pthread_mutex_unlock(&w->lock);
            look(w);
            pthread_mutex_lock(&w->lock);
        }
    }
    pthread_mutex_unlock(&w->lock);
}
#endif

/* The weighted Brandes sums of the whole core into total (n doubles, zeroed). Returns -1 when
 * memory runs out, -2 when a signal handler raised. */
static int core_sums(const Core *c, int threads, i64 parallel_from, double *total, Watch *w) {
    int slices = c->n < parallel_from ? 1 : SLICES;
    if (threads > slices) threads = slices;
    if (threads < 1) threads = 1;
    double *sums = calloc((size_t)slices * (size_t)c->n, sizeof(double));
    Job jobs[SLICES];
    int failed = 0;
    if (!sums) return -1;
    for (int t = 0; t < threads; t++)
        jobs[t] = (Job){c, w, sums, t, threads, slices, t == 0, 0};
#ifdef HAVE_THREADS
    pthread_t ids[SLICES];
    int started[SLICES] = {0}, running = 0;
    for (int t = 1; t < threads; t++) {
        started[t] = pthread_create(&ids[t], NULL, run_thread, &jobs[t]) == 0;
        running += started[t];
    }
    run_job(&jobs[0]);
    for (int t = 1; t < threads; t++)
        if (!started[t]) {
            jobs[t].caller = 1; /* no thread to be had: do its share here, looking as we go */
            run_job(&jobs[t]);
        }
    wait_looking(w, running);
    for (int t = 1; t < threads; t++)
        if (started[t]) pthread_join(ids[t], NULL);
#else
    for (int t = 0; t < threads; t++) {
        jobs[t].caller = 1;
        run_job(&jobs[t]);
    }
#endif
    for (int t = 0; t < threads; t++) failed |= jobs[t].failed;
    for (int k = 0; k < slices; k++) /* in slice order, whatever the threads */
        for (i32 v = 0; v < c->n; v++) total[v] += sums[(size_t)k * c->n + v];
    free(sums);
    if (LOAD(w->stop)) return -2;
    return failed ? -1 : 0;
}

static int compare_pair(const void *a, const void *b) {
    const i64 *x = a, *y = b;
    if (x[0] != y[0]) return (x[0] > y[0]) - (x[0] < y[0]);
    return (x[1] > y[1]) - (x[1] < y[1]);
}

/* Everything but the Python objects: scores[n] from the n-node graph of m edges. Returns 0, or
 * -1 when memory runs out, -2 when a signal handler raised (its exception is set). */
static int compute(i64 n, const i64 *ends, i64 m, int threads, i64 parallel_from,
                   double *scores, Watch *w) {
    Csr g = {0};
    Core c = {0};
    int status = -1;
    i64 *parent = malloc(sizeof(i64) * (size_t)n), *size = malloc(sizeof(i64) * (size_t)n);
    i64 *component = malloc(sizeof(i64) * (size_t)n), *order = malloc(sizeof(i64) * (size_t)n);
    i64 *a = malloc(sizeof(i64) * (size_t)n), *b = malloc(sizeof(i64) * (size_t)n);
    i64 *renumber = malloc(sizeof(i64) * (size_t)n), *squares = calloc((size_t)n, sizeof(i64));
    char *peeled = malloc((size_t)n), *in_core = malloc((size_t)n);
    i64 *pairs = NULL;
    double *sums = NULL;
    if (!parent || !size || !component || !order || !a || !b || !renumber || !squares ||
        !peeled || !in_core || csr_build(&g, n, ends, m))
        goto done;
    peel(&g, parent, size, peeled, a, b);
    components(&g, component, order, a, b);
    /* Sum of parts squared per node: the trees hanging from it, then the rest of its component;
     * the pairs it separates are ((N - 1)^2 - that) / 2. */
    for (i64 v = 0; v < n; v++)
        if (peeled[v]) squares[parent[v]] += size[v] * size[v];
    for (i64 v = 0; v < n; v++) {
        i64 rest = component[v] - size[v];
        squares[v] += rest * rest;
        scores[v] = (double)(((component[v] - 1) * (component[v] - 1) - squares[v]) / 2);
        in_core[v] = !peeled[v] && component[v] > size[v]; /* not a tree component's root */
    }
    /* The 2-core, numbered in breadth-first order, each row sorted. */
    i64 core_n = 0, arcs = 0;
    for (i64 j = 0; j < n; j++) {
        i64 v = order[j];
        renumber[v] = in_core[v] ? core_n++ : -1;
    }
    for (i64 v = 0; v < n; v++)
        if (in_core[v])
            for (i64 i = g.ptr[v]; i < g.ptr[v + 1]; i++) arcs += in_core[g.adj[i]];
    if (arcs >= INT32_MAX) goto done; /* beyond 32-bit arc numbers: reported as out of memory */
    if (core_n > 0) {
        pairs = malloc(sizeof(i64) * (size_t)(2 * arcs + 1));
        c.n = (i32)core_n;
        c.ptr = calloc((size_t)core_n + 1, sizeof(i32));
        c.adj = malloc(sizeof(i32) * (size_t)(arcs + 1));
        c.weight = malloc(sizeof(double) * (size_t)core_n);
        sums = calloc((size_t)core_n, sizeof(double));
        if (!pairs || !c.ptr || !c.adj || !c.weight || !sums) goto done;
        i64 k = 0;
        for (i64 v = 0; v < n; v++) {
            if (!in_core[v]) continue;
            c.weight[renumber[v]] = (double)size[v];
            for (i64 i = g.ptr[v]; i < g.ptr[v + 1]; i++)
                if (in_core[g.adj[i]]) {
                    pairs[2 * k] = renumber[v];
                    pairs[2 * k + 1] = renumber[g.adj[i]];
                    k++;
                }
        }
        qsort(pairs, (size_t)arcs, 2 * sizeof(i64), compare_pair);
        for (i64 i = 0; i < arcs; i++) {
            c.ptr[pairs[2 * i] + 1]++;
            c.adj[i] = (i32)pairs[2 * i + 1];
        }
        for (i64 v = 0; v < core_n; v++) c.ptr[v + 1] += c.ptr[v];
        int summed = core_sums(&c, threads, parallel_from, sums, w);
        if (summed) {
            status = summed;
            goto done;
        }
        for (i64 v = 0; v < n; v++)
            if (in_core[v]) scores[v] += sums[renumber[v]] / 2; /* ordered pairs: twice each */
    }
    double scale = 2.0 / (double)((n - 1) * (n - 2));
    for (i64 v = 0; v < n; v++) scores[v] *= scale;
    status = 0;
done:
    free(g.ptr);
    free(g.adj);
    free(c.ptr);
    free(c.adj);
    free(c.weight);
    free(parent);
    free(size);
    free(component);
    free(order);
    free(a);
    free(b);
    free(renumber);
    free(squares);
    free(peeled);
    free(in_core);
    free(pairs);
    free(sums);
    return status;
}

/* Read the edges into 2m node numbers, leaving out self-loops; -1 with an exception set. */
static int read_edges(PyObject *edges, i64 n, i64 **ends, i64 *m) {
    PyObject *seq = PySequence_Fast(edges, "edges must be a sequence of (node, node) pairs");
    if (!seq) return -1;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    *ends = malloc(sizeof(i64) * (size_t)(2 * count + 1));
    *m = 0;
    if (!*ends) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *pair = PySequence_Fast_GET_ITEM(seq, k);
        i64 ab[2];
        if (!(PyTuple_Check(pair) || PyList_Check(pair)) || PySequence_Fast_GET_SIZE(pair) != 2) {
            PyErr_Format(PyExc_TypeError, "edge %zd is not a (node, node) pair", k);
            goto fail;
        }
        for (int e = 0; e < 2; e++) {
            ab[e] = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(pair, e));
            if (ab[e] == -1 && PyErr_Occurred()) goto fail;
            if (ab[e] < 0 || ab[e] >= n) {
                PyErr_Format(PyExc_ValueError, "edge %zd names node %lld, not in 0 ... %lld", k,
                             (long long)ab[e], (long long)(n - 1));
                goto fail;
            }
        }
        if (ab[0] != ab[1]) {
            (*ends)[2 * *m] = ab[0];
            (*ends)[2 * *m + 1] = ab[1];
            (*m)++;
        }
    }
    Py_DECREF(seq);
    return 0;
fail:
    Py_DECREF(seq);
    free(*ends);
    *ends = NULL;
    return -1;
}

static PyObject *reduced_betweenness(PyObject *self, PyObject *args, PyObject *kwargs) {
    static char *keywords[] = {"n", "edges", "threads", "parallel_from", NULL};
    long long n, parallel_from = 1000;
    int threads = 1;
    PyObject *edges;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "LO|iL", keywords, &n, &edges, &threads,
                                     &parallel_from))
        return NULL;
    if (n < 0 || n >= INT32_MAX) {
        PyErr_Format(PyExc_ValueError, "n must be in 0 ... %d, not %lld", INT32_MAX - 1, n);
        return NULL;
    }
    i64 *ends, m;
    if (read_edges(edges, n, &ends, &m)) return NULL;
    double *scores = calloc((size_t)n + 1, sizeof(double));
    int status = 0;
    if (!scores) {
        free(ends);
        return PyErr_NoMemory();
    }
    if (n > 2) {
        PyThreadState *save = PyEval_SaveThread();
        Watch watch = {.save = &save, .due = seconds() + LOOK_EVERY};
#ifdef HAVE_THREADS
        pthread_mutex_init(&watch.lock, NULL);
        pthread_cond_init(&watch.done, NULL);
#endif
        status = compute(n, ends, m, threads, parallel_from, scores, &watch);
#ifdef HAVE_THREADS
        pthread_cond_destroy(&watch.done);
        pthread_mutex_destroy(&watch.lock);
#endif
        PyEval_RestoreThread(save);
    }
    free(ends);
    PyObject *result = NULL;
    if (status == -1)
        PyErr_NoMemory();
    else if (status == 0) /* -2: a signal handler raised, and its exception is set */
        result = PyList_New((Py_ssize_t)n);
    for (i64 v = 0; result && v < n; v++) {
        PyObject *value = PyFloat_FromDouble(scores[v]);
        if (!value) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)v, value);
    }
    free(scores);
    return result;
}

static PyMethodDef methods[] = {
    {"reduced_betweenness", (PyCFunction)(void (*)(void))reduced_betweenness,
     METH_VARARGS | METH_KEYWORDS,
     "reduced_betweenness(n, edges, threads=1, parallel_from=1000)\n--\n\n"
     "Return the exact normalised betweenness of nodes 0 ... n - 1 of the undirected graph of\n"
     "edges (a sequence of (int, int) tuples; self-loops and repeats are ignored), computed on\n"
     "the graph reduced by its dangling trees; a 2-core of `parallel_from` nodes or more is\n"
     "shared out among up to `threads` threads, with the same result whatever their number.\n"
     "A signal handler that raises (Ctrl-C) stops it within about a tenth of a second."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_brandes",
    "Exact betweenness reduced by dangling trees, in C (see orggraph.queries.betweenness).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__brandes(void) { return PyModule_Create(&module); }
