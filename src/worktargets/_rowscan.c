/* _rowscan: the usual rows of a CSV ledger file, checked and aggregated in C.
 *
 * The Python reader (ledger._Reader) stays the reference. This scanner takes a file's
 * text, splits it into rows with the rules of Python's csv module for the plain cases
 * (fields unquoted, or wholly quoted with "" inside; lines end in \n or \r\n), and for
 * each row either
 *   - accepts it, when it is the usual row that ledger._Reader._csv_rows accepts on its
 *     fast path (a known target id, an ISO date in the plan year, a known basis, a plain
 *     number or a known stage, no correction, a new id), with exactly the Decimal value
 *     Python would compute (coefficient and exponent), and folds it into per-target
 *     aggregates the way ledger.Progress.add does; or
 *   - hands the row's cells to a Python callback, which judges it with the reference
 *     code (``_Reader.row``), reporting whatever is wrong; or
 *   - stops at a row whose syntax it does not handle (a quote inside a field, a bare \r,
 *     a NUL, an unterminated quote, a very long field) and returns the rest of the text,
 *     which Python reads with the csv module from that line on.
 * Every value is an exact decimal: a 64-bit coefficient and a base-10 exponent; a row
 * whose value or sum would not fit goes to Python instead. Nothing here is a float.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <datetime.h>
#include <stdint.h>
#include <string.h>
#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#endif

/* ---------------------------------------------------------------- byte-string map */

typedef struct {
    char *key;
    Py_ssize_t len;
    uint64_t hash;
    int32_t val;
} hslot;

typedef struct {
    hslot *slots;
    Py_ssize_t cap;  /* power of two */
    Py_ssize_t used;
} hmap;

static uint64_t fnv(const char *s, Py_ssize_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h | 1; /* never 0: 0 marks an empty slot */
}

static int hm_init(hmap *m, Py_ssize_t want) {
    Py_ssize_t cap = 16;
    while (cap < want * 2) cap <<= 1;
    m->slots = PyMem_Calloc(cap, sizeof(hslot));
    if (!m->slots) return -1;
    m->cap = cap;
    m->used = 0;
    return 0;
}

static void hm_free(hmap *m) {
    if (!m->slots) return;
    for (Py_ssize_t i = 0; i < m->cap; i++) PyMem_Free(m->slots[i].key);
    PyMem_Free(m->slots);
    m->slots = NULL;
}

static int32_t hm_get(const hmap *m, const char *k, Py_ssize_t n) {
    uint64_t h = fnv(k, n);
    Py_ssize_t mask = m->cap - 1, i = (Py_ssize_t)(h & (uint64_t)mask);
    for (;;) {
        const hslot *s = &m->slots[i];
        if (s->hash == 0) return -1;
        if (s->hash == h && s->len == n && memcmp(s->key, k, (size_t)n) == 0) return s->val;
        i = (i + 1) & mask;
    }
}

static int hm_put(hmap *m, const char *k, Py_ssize_t n, int32_t v) {
    if ((m->used + 1) * 2 > m->cap) {
        hmap big;
        if (hm_init(&big, m->cap) < 0) return -1;
        for (Py_ssize_t i = 0; i < m->cap; i++) {
            hslot *s = &m->slots[i];
            if (s->hash == 0) continue;
            Py_ssize_t j = (Py_ssize_t)(s->hash & (uint64_t)(big.cap - 1));
            while (big.slots[j].hash != 0) j = (j + 1) & (big.cap - 1);
            big.slots[j] = *s;
        }
        big.used = m->used;
        PyMem_Free(m->slots);
        *m = big;
    }
    uint64_t h = fnv(k, n);
    Py_ssize_t mask = m->cap - 1, i = (Py_ssize_t)(h & (uint64_t)mask);
    while (m->slots[i].hash != 0) {
        hslot *s = &m->slots[i];
        if (s->hash == h && s->len == n && memcmp(s->key, k, (size_t)n) == 0) {
            s->val = v;
            return 0;
        }
        i = (i + 1) & mask;
    }
    char *copy = PyMem_Malloc(n ? (size_t)n : 1);
    if (!copy) return -1;
    memcpy(copy, k, (size_t)n);
    m->slots[i].key = copy;
    m->slots[i].len = n;
    m->slots[i].hash = h;
    m->slots[i].val = v;
    m->used++;
    return 0;
}

/* ---------------------------------------------------------------- entry ids */

/* IdTable: entry id -> where it first appeared (file number << 32 | line), the mapping
 * ledger._Reader keeps to report duplicate ids. The same table serves the C scanner and
 * the Python reader (get, [], in, len, iter), in a third of the memory of a dict of str
 * and int, without making an object per row. */
typedef struct {
    uint64_t hash; /* 0: empty */
    uint64_t off;  /* the key in the arena */
    int64_t val;
    uint32_t len;
} islot;

typedef struct {
    PyObject_HEAD
    islot *slots;
    Py_ssize_t cap, used;
    char *arena;
    Py_ssize_t alen, acap;
} IdTable;

static PyTypeObject IdTableType;

/* Zeroed memory for the slot array. A big table lives in transparent huge pages where
 * the system offers them: a lookup per row at a random place in 64 MB otherwise costs a
 * page-table walk (the largest cost of the scan on a virtual machine). */
#define HUGE_BYTES ((size_t)2 << 20)

static void *slots_alloc(size_t bytes) {
#if defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)
    if (bytes >= 2 * HUGE_BYTES) {
        size_t len = bytes + HUGE_BYTES;
        char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            char *a = (char *)(((uintptr_t)p + HUGE_BYTES - 1) & ~(uintptr_t)(HUGE_BYTES - 1));
            if (a > p) munmap(p, (size_t)(a - p));
            size_t tail = (size_t)(p + len - (a + bytes));
            if (tail) munmap(a + bytes, tail);
            madvise(a, bytes, MADV_HUGEPAGE);
            return a;
        }
    }
#endif
    return PyMem_Calloc(1, bytes);
}

static void slots_free(void *p, size_t bytes) {
    if (!p) return;
#if defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)
    if (bytes >= 2 * HUGE_BYTES) {
        munmap(p, bytes);
        return;
    }
#endif
    PyMem_Free(p);
}

static int it_grow(IdTable *t) {
    Py_ssize_t cap = t->cap ? t->cap * 2 : 1024;
    islot *ns = slots_alloc((size_t)cap * sizeof(islot));
    if (!ns) return -1;
    for (Py_ssize_t i = 0; i < t->cap; i++) {
        islot *s = &t->slots[i];
        if (!s->hash) continue;
        Py_ssize_t j = (Py_ssize_t)(s->hash & (uint64_t)(cap - 1));
        while (ns[j].hash) j = (j + 1) & (cap - 1);
        ns[j] = *s;
    }
    slots_free(t->slots, (size_t)t->cap * sizeof(islot));
    t->slots = ns;
    t->cap = cap;
    return 0;
}

/* the slot of key, or of the empty place where it would go */
static islot *it_slot(IdTable *t, const char *k, Py_ssize_t n, uint64_t h) {
    Py_ssize_t mask = t->cap - 1, i = (Py_ssize_t)(h & (uint64_t)mask);
    for (;;) {
        islot *s = &t->slots[i];
        if (!s->hash) return s;
        if (s->hash == h && s->len == (uint32_t)n && memcmp(t->arena + s->off, k, (size_t)n) == 0) return s;
        i = (i + 1) & mask;
    }
}

static islot *it_find(IdTable *t, const char *k, Py_ssize_t n, uint64_t h) {
    if (!t->cap) return NULL;
    islot *s = it_slot(t, k, n, h);
    return s->hash ? s : NULL;
}

static int it_set(IdTable *t, const char *k, Py_ssize_t n, uint64_t h, int64_t val) {
    if (n > UINT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "id too long");
        return -1;
    }
    if ((t->used + 1) * 4 > t->cap * 3 && it_grow(t) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    islot *s = it_slot(t, k, n, h);
    if (s->hash) {
        s->val = val;
        return 0;
    }
    if (t->alen + n > t->acap) {
        Py_ssize_t cap = t->acap ? t->acap : 4096;
        while (cap < t->alen + n) cap *= 2;
        char *na = PyMem_Realloc(t->arena, (size_t)cap);
        if (!na) {
            PyErr_NoMemory();
            return -1;
        }
        t->arena = na;
        t->acap = cap;
    }
    memcpy(t->arena + t->alen, k, (size_t)n);
    s->hash = h;
    s->off = (uint64_t)t->alen;
    s->len = (uint32_t)n;
    s->val = val;
    t->alen += n;
    t->used++;
    return 0;
}

static void IdTable_dealloc(IdTable *t) {
    slots_free(t->slots, (size_t)t->cap * sizeof(islot));
    PyMem_Free(t->arena);
    Py_TYPE(t)->tp_free((PyObject *)t);
}

static const char *key_utf8(PyObject *key, Py_ssize_t *n) {
    if (!PyUnicode_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "entry ids are str");
        return NULL;
    }
    return PyUnicode_AsUTF8AndSize(key, n);
}

static PyObject *IdTable_get(IdTable *t, PyObject *args) {
    PyObject *key, *dflt = Py_None;
    if (!PyArg_ParseTuple(args, "O|O", &key, &dflt)) return NULL;
    Py_ssize_t n;
    const char *k = key_utf8(key, &n);
    if (!k) return NULL;
    islot *s = it_find(t, k, n, fnv(k, n));
    if (!s) {
        Py_INCREF(dflt);
        return dflt;
    }
    return PyLong_FromLongLong(s->val);
}

static PyObject *IdTable_subscript(IdTable *t, PyObject *key) {
    Py_ssize_t n;
    const char *k = key_utf8(key, &n);
    if (!k) return NULL;
    islot *s = it_find(t, k, n, fnv(k, n));
    if (!s) {
        PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    return PyLong_FromLongLong(s->val);
}

static int IdTable_ass_subscript(IdTable *t, PyObject *key, PyObject *val) {
    if (!val) {
        PyErr_SetString(PyExc_TypeError, "ids are never deleted");
        return -1;
    }
    Py_ssize_t n;
    const char *k = key_utf8(key, &n);
    if (!k) return -1;
    long long v = PyLong_AsLongLong(val);
    if (v == -1 && PyErr_Occurred()) return -1;
    return it_set(t, k, n, fnv(k, n), v);
}

static int IdTable_contains(IdTable *t, PyObject *key) {
    Py_ssize_t n;
    const char *k = key_utf8(key, &n);
    if (!k) return -1;
    return it_find(t, k, n, fnv(k, n)) != NULL;
}

static Py_ssize_t IdTable_len(IdTable *t) { return t->used; }

static PyObject *IdTable_keys(IdTable *t, PyObject *unused) {
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i < t->cap; i++) {
        islot *s = &t->slots[i];
        if (!s->hash) continue;
        PyObject *k = PyUnicode_DecodeUTF8(t->arena + s->off, s->len, NULL);
        if (!k || PyList_Append(out, k) < 0) {
            Py_XDECREF(k);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(k);
    }
    return out;
}

static PyObject *IdTable_iter(IdTable *t) {
    PyObject *keys = IdTable_keys(t, NULL);
    if (!keys) return NULL;
    PyObject *it = PyObject_GetIter(keys);
    Py_DECREF(keys);
    return it;
}

/* dump() -> bytes: every key, each as 4 bytes of length then the UTF-8 bytes */
static PyObject *IdTable_dump(IdTable *t, PyObject *unused) {
    Py_ssize_t size = t->alen + 4 * t->used;
    PyObject *out = PyBytes_FromStringAndSize(NULL, size);
    if (!out) return NULL;
    char *w = PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < t->cap; i++) {
        islot *s = &t->slots[i];
        if (!s->hash) continue;
        memcpy(w, &s->len, 4);
        memcpy(w + 4, t->arena + s->off, s->len);
        w += 4 + s->len;
    }
    return out;
}

/* any_of(dump) -> whether any key of another table's dump is in this one */
static PyObject *IdTable_any_of(IdTable *t, PyObject *arg) {
    char *b;
    Py_ssize_t n;
    if (PyBytes_AsStringAndSize(arg, &b, &n) < 0) return NULL;
    Py_ssize_t i = 0;
    while (i + 4 <= n) {
        uint32_t len;
        memcpy(&len, b + i, 4);
        if (i + 4 + (Py_ssize_t)len > n) break;
        if (it_find(t, b + i + 4, len, fnv(b + i + 4, len))) Py_RETURN_TRUE;
        i += 4 + len;
    }
    Py_RETURN_FALSE;
}

/* reserve(n): room for n ids without growing (a hint; the table still grows past it) */
static PyObject *IdTable_reserve(IdTable *t, PyObject *arg) {
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n > 50000000) n = 50000000;
    while ((n + 1) * 4 > t->cap * 3)
        if (it_grow(t) < 0) return PyErr_NoMemory();
    Py_RETURN_NONE;
}

static PyMethodDef IdTable_methods[] = {
    {"reserve", (PyCFunction)IdTable_reserve, METH_O, "Room for n ids."},
    {"get", (PyCFunction)IdTable_get, METH_VARARGS, "get(id, default=None)"},
    {"keys", (PyCFunction)IdTable_keys, METH_NOARGS, "The ids, as a list."},
    {"dump", (PyCFunction)IdTable_dump, METH_NOARGS, "The ids as bytes, for any_of in another process."},
    {"any_of", (PyCFunction)IdTable_any_of, METH_O, "Whether any id of a dump() is here."},
    {NULL, NULL, 0, NULL}};

static PyMappingMethods IdTable_mapping = {
    (lenfunc)IdTable_len, (binaryfunc)IdTable_subscript, (objobjargproc)IdTable_ass_subscript};

static PySequenceMethods IdTable_sequence = {
    .sq_length = (lenfunc)IdTable_len,
    .sq_contains = (objobjproc)IdTable_contains,
};

static PyTypeObject IdTableType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "worktargets._rowscan.IdTable",
    .tp_basicsize = sizeof(IdTable),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Entry id -> file number << 32 | line, for duplicate checks.",
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)IdTable_dealloc,
    .tp_methods = IdTable_methods,
    .tp_as_mapping = &IdTable_mapping,
    .tp_as_sequence = &IdTable_sequence,
    .tp_iter = (getiterfunc)IdTable_iter,
};

/* ---------------------------------------------------------------- exact decimals */

typedef struct {
    int64_t c; /* coefficient, signed */
    int32_t e; /* exponent */
} dec;

static const int64_t POW10[19] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL, 100000000LL,
    1000000000LL, 10000000000LL, 100000000000LL, 1000000000000LL, 10000000000000LL,
    100000000000000LL, 1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
    1000000000000000000LL};

static int ndigits(int64_t c) {
    uint64_t u = c < 0 ? (uint64_t)(-(c + 1)) + 1 : (uint64_t)c;
    int n = 1;
    while (u >= 10) {
        u /= 10;
        n++;
    }
    return n;
}

/* c * 10^k without overflow; 0 on success */
static int scale_up(int64_t c, int32_t k, int64_t *out) {
    if (k < 0 || k > 18) return -1;
    if (__builtin_mul_overflow(c, POW10[k], out)) return -1;
    return 0;
}

/* a + b exactly, the exponent the smaller of the two (as Decimal does); 0 on success */
static int dec_add(dec a, dec b, dec *out) {
    int64_t ac = a.c, bc = b.c;
    int32_t e = a.e < b.e ? a.e : b.e;
    if (a.e > e && scale_up(ac, a.e - e, &ac)) return -1;
    if (b.e > e && scale_up(bc, b.e - e, &bc)) return -1;
    if (__builtin_add_overflow(ac, bc, &out->c)) return -1;
    out->e = e;
    return 0;
}

static void strip_zeros(int64_t *c, int32_t *e) {
    if (*c == 0) return;
    while (*c % 10 == 0) {
        *c /= 10;
        (*e)++;
    }
}

/* Decimal's  d / D  where D is numerically 10^k with exponent de: the exact quotient,
 * at the exponent closest to the ideal one (d.e - de). 0 on success. */
static int dec_div_pow10(dec d, int32_t k, int32_t de, dec *out) {
    int32_t ideal = d.e - de;
    if (d.c == 0) {
        out->c = 0;
        out->e = ideal;
        return 0;
    }
    int64_t c = d.c;
    int32_t emax = d.e - k;
    strip_zeros(&c, &emax);
    if (ideal >= emax) {
        out->c = c;
        out->e = emax;
        return 0;
    }
    if (scale_up(c, emax - ideal, &out->c)) return -1;
    out->e = ideal;
    return 0;
}

/* quantity._exact(d * 10^s): no trailing zeros, integers at exponent 0. */
static int dec_exact_shift(dec d, int32_t s, dec *out) {
    if (d.c == 0) {
        out->c = 0;
        out->e = 0;
        return 0;
    }
    int64_t c = d.c;
    int32_t e = d.e + s;
    strip_zeros(&c, &e);
    if (e >= 0) {
        if (scale_up(c, e, &out->c)) return -1;
        out->e = 0;
        return 0;
    }
    out->c = c;
    out->e = e;
    return 0;
}

/* ---------------------------------------------------------------- per-target state */

typedef struct {
    int32_t day;
    dec v;
} inc_t;

/* MODE_DAYS: one target's rows on one day, folded as ledger.DayBook folds them */
typedef struct {
    int32_t day;
    int32_t stage; /* the day's last stage (index); -1 none */
    int64_t stage_seq;
    int64_t total_seq;
    dec total; /* the day's last year-to-date total, if has_total */
    dec add;   /* the sum of its increments, if has_add */
    int32_t count;
    char has_total, has_add;
} day_t;

typedef struct {
    int64_t count;
    int32_t last_day; /* ordinal; 0 none */
    int32_t stage;    /* index into the target's stages; -1 none */
    int32_t stage_day;
    int64_t stage_seq;
    int has_total;
    dec total;
    int32_t total_day;
    int64_t total_seq;
    inc_t *incs;
    int32_t nincs, capincs;
    day_t *dayrecs; /* MODE_DAYS */
    int32_t ndays, capdays;
    char seen; /* named in the file being scanned */
    char touched;
} tstate;

typedef struct {
    char milestone, negatives, only_ok;
    int32_t base_k;  /* one target unit in base units is 10^base_k; -1 when not a power of ten */
    int32_t base_de; /* that Decimal's exponent */
    char *unit;
    Py_ssize_t unit_len;
    int32_t nstages;
    char **stages;
    Py_ssize_t *stage_lens;
} tinfo;

typedef struct {
    char kind; /* 0 none, 1 the number itself, 2 _exact(number * 10^shift) */
    int32_t shift;
    int32_t numdigits; /* digits of the numerator Decimal (precision check) */
} plan_t;

typedef struct {
    PyObject_HEAD
    Py_ssize_t nt;
    tinfo *info;
    tstate *st;
    PyObject *tids;       /* list[str] */
    PyObject *stage_strs; /* list[tuple[str, ...]] */
    hmap tmap, bmap, pmap;
    plan_t *plans;
    Py_ssize_t nplans, capplans;
    int32_t year;
    int32_t as_of; /* ordinal; INT32_MAX when none */
    int mode;           /* MODE_* below */
    PyObject *emit;     /* mode EMIT: the sink's add */
    PyObject *decimal;  /* decimal.Decimal */
    int32_t jan1;       /* ordinal of the plan year's 1 January */
    PyObject *days[367]; /* date objects by day of the year, made once */
    IdTable *ids;       /* NULL when not checking */
    PyObject *exclude;  /* frozenset, or NULL when empty */
    PyObject *excluded; /* set */
    PyObject *plan_cb;
    PyObject *reader;
    int32_t *seen_list;
    Py_ssize_t nseen;
} Scanner;

static void Scanner_dealloc(Scanner *self) {
    if (self->info) {
        for (Py_ssize_t i = 0; i < self->nt; i++) {
            tinfo *ti = &self->info[i];
            PyMem_Free(ti->unit);
            for (int32_t j = 0; j < ti->nstages; j++) PyMem_Free(ti->stages[j]);
            PyMem_Free(ti->stages);
            PyMem_Free(ti->stage_lens);
        }
        PyMem_Free(self->info);
    }
    if (self->st) {
        for (Py_ssize_t i = 0; i < self->nt; i++) {
            PyMem_Free(self->st[i].incs);
            PyMem_Free(self->st[i].dayrecs);
        }
        PyMem_Free(self->st);
    }
    hm_free(&self->tmap);
    hm_free(&self->bmap);
    hm_free(&self->pmap);
    PyMem_Free(self->plans);
    PyMem_Free(self->seen_list);
    Py_XDECREF(self->tids);
    Py_XDECREF(self->stage_strs);
    Py_XDECREF((PyObject *)self->ids);
    Py_XDECREF(self->exclude);
    Py_XDECREF(self->excluded);
    Py_XDECREF(self->plan_cb);
    Py_XDECREF(self->reader);
    Py_XDECREF(self->emit);
    Py_XDECREF(self->decimal);
    for (int i = 0; i < 367; i++) Py_XDECREF(self->days[i]);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static char *copy_utf8(PyObject *s, Py_ssize_t *len) {
    const char *u = PyUnicode_AsUTF8AndSize(s, len);
    if (!u) return NULL;
    char *out = PyMem_Malloc(*len ? (size_t)*len : 1);
    if (!out) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(out, u, (size_t)*len);
    return out;
}

/* What happens to a usual row: */
enum {
    MODE_FILTER = 0,    /* a read of a few targets: their rows go to Python's row(), others are skipped */
    MODE_AGGREGATE = 1, /* folded into per-target aggregates (ledger.Progress) */
    MODE_EMIT = 2,      /* passed to the sink's add() with the arguments _csv_rows passes */
    MODE_DAYS = 3,      /* folded per target and day (ledger.DayBook); take_days() hands them over */
};

/* Scanner(reader, tids, infos, basis, year, as_of, ids, exclude, excluded, plan_cb, mode, emit, Decimal)
 *   infos: per target (milestone, negatives, only_ok, base_k, base_de, unit, stages)
 *   basis: [(text, is_add)], as_of: ordinal or 0, ids: IdTable or None,
 *   exclude: frozenset or None, excluded: set, emit: the sink's add (MODE_EMIT) or None */
static int Scanner_init(Scanner *self, PyObject *args, PyObject *kw) {
    PyObject *reader, *tids, *infos, *basis, *ids, *exclude, *excluded, *plan_cb, *emit = Py_None, *dec = Py_None;
    int year, as_of, mode = MODE_AGGREGATE;
    if (!PyArg_ParseTuple(args, "OO!O!O!iiOOO!O|iOO", &reader, &PyList_Type, &tids, &PyList_Type, &infos,
                          &PyList_Type, &basis, &year, &as_of, &ids, &exclude, &PySet_Type, &excluded,
                          &plan_cb, &mode, &emit, &dec))
        return -1;
    if (mode == MODE_EMIT && (!PyCallable_Check(emit) || !PyCallable_Check(dec))) {
        PyErr_SetString(PyExc_TypeError, "MODE_EMIT needs the sink's add and Decimal");
        return -1;
    }
    if (mode == MODE_DAYS && !PyCallable_Check(dec)) {
        PyErr_SetString(PyExc_TypeError, "MODE_DAYS needs Decimal");
        return -1;
    }
    if (mode < MODE_FILTER || mode > MODE_DAYS) {
        PyErr_SetString(PyExc_ValueError, "unknown mode");
        return -1;
    }
    self->mode = mode;
    Py_INCREF(emit);
    self->emit = emit;
    Py_INCREF(dec);
    self->decimal = dec;
    {
        int yy = year - 1;
        self->jan1 = yy * 365 + yy / 4 - yy / 100 + yy / 400 + 1;
    }
    Py_ssize_t nt = PyList_GET_SIZE(tids);
    if (PyList_GET_SIZE(infos) != nt) {
        PyErr_SetString(PyExc_ValueError, "tids and infos differ in length");
        return -1;
    }
    self->nt = nt;
    self->info = PyMem_Calloc(nt ? nt : 1, sizeof(tinfo));
    self->st = PyMem_Calloc(nt ? nt : 1, sizeof(tstate));
    self->seen_list = PyMem_Calloc(nt ? nt : 1, sizeof(int32_t));
    if (!self->info || !self->st || !self->seen_list) {
        PyErr_NoMemory();
        return -1;
    }
    if (hm_init(&self->tmap, nt + 1) < 0 || hm_init(&self->bmap, 64) < 0 || hm_init(&self->pmap, 64) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    self->stage_strs = PyList_New(nt);
    if (!self->stage_strs) return -1;
    for (Py_ssize_t i = 0; i < nt; i++) {
        PyObject *tid = PyList_GET_ITEM(tids, i);
        Py_ssize_t n;
        const char *u = PyUnicode_AsUTF8AndSize(tid, &n);
        if (!u) return -1;
        if (hm_put(&self->tmap, u, n, (int32_t)i) < 0) {
            PyErr_NoMemory();
            return -1;
        }
        PyObject *inf = PyList_GET_ITEM(infos, i);
        int milestone, negatives, only_ok, base_k, base_de;
        PyObject *unit, *stages;
        if (!PyArg_ParseTuple(inf, "pppiiUO!", &milestone, &negatives, &only_ok, &base_k, &base_de, &unit,
                              &PyTuple_Type, &stages))
            return -1;
        tinfo *ti = &self->info[i];
        ti->milestone = (char)milestone;
        ti->negatives = (char)negatives;
        ti->only_ok = (char)only_ok;
        ti->base_k = base_k;
        ti->base_de = base_de;
        ti->unit = copy_utf8(unit, &ti->unit_len);
        if (!ti->unit) return -1;
        Py_ssize_t ns = PyTuple_GET_SIZE(stages);
        ti->nstages = (int32_t)ns;
        ti->stages = PyMem_Calloc(ns ? ns : 1, sizeof(char *));
        ti->stage_lens = PyMem_Calloc(ns ? ns : 1, sizeof(Py_ssize_t));
        if (!ti->stages || !ti->stage_lens) {
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t j = 0; j < ns; j++) {
            PyObject *s = PyTuple_GET_ITEM(stages, j);
            if (!PyUnicode_Check(s)) {
                PyErr_SetString(PyExc_TypeError, "stage must be str");
                return -1;
            }
            ti->stages[j] = copy_utf8(s, &ti->stage_lens[j]);
            if (!ti->stages[j]) return -1;
        }
        Py_INCREF(stages);
        PyList_SET_ITEM(self->stage_strs, i, stages);
        self->st[i].stage = -1;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(basis); i++) {
        PyObject *text;
        int is_add;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(basis, i), "Up", &text, &is_add)) return -1;
        Py_ssize_t n;
        const char *u = PyUnicode_AsUTF8AndSize(text, &n);
        if (!u) return -1;
        if (hm_put(&self->bmap, u, n, is_add) < 0) {
            PyErr_NoMemory();
            return -1;
        }
    }
    self->year = year;
    self->as_of = as_of > 0 ? as_of : INT32_MAX;
    Py_INCREF(tids);
    self->tids = tids;
    if (ids != Py_None) {
        if (!PyObject_TypeCheck(ids, &IdTableType)) {
            PyErr_SetString(PyExc_TypeError, "ids must be an IdTable or None");
            return -1;
        }
        Py_INCREF(ids);
        self->ids = (IdTable *)ids;
    }
    if (exclude != Py_None) {
        if (!PyAnySet_Check(exclude)) {
            PyErr_SetString(PyExc_TypeError, "exclude must be a set or None");
            return -1;
        }
        Py_INCREF(exclude);
        self->exclude = exclude;
    }
    Py_INCREF(excluded);
    self->excluded = excluded;
    Py_INCREF(plan_cb);
    self->plan_cb = plan_cb;
    Py_INCREF(reader);
    self->reader = reader;
    return 0;
}

/* ---------------------------------------------------------------- dates */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static const int DBM[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
static const int DIM[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* "YYYY-MM-DD" in the plan year as date.toordinal(), else 0 (Python judges it) */
static int32_t iso_day(const char *s, Py_ssize_t n, int year) {
    if (n != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) continue;
        if (s[i] < '0' || s[i] > '9') return 0;
    }
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y != year || m < 1 || m > 12 || d < 1) return 0;
    int dim = DIM[m - 1] + (m == 2 && is_leap(y));
    if (d > dim) return 0;
    int yy = y - 1;
    return yy * 365 + yy / 4 - yy / 100 + yy / 400 + DBM[m - 1] + (m > 2 && is_leap(y)) + d;
}

/* ---------------------------------------------------------------- values */

/* [+-]?(\d+(\.\d+)?|\.\d+) at the start of s; returns the length read (0: none) */
static Py_ssize_t read_number(const char *s, Py_ssize_t n, dec *out, int *neg, int *too_big) {
    Py_ssize_t i = 0;
    *neg = 0;
    *too_big = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        *neg = s[i] == '-';
        i++;
    }
    int64_t c = 0;
    int32_t frac = 0;
    Py_ssize_t int_digits = 0, frac_digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (c > 99999999999999999LL) *too_big = 1; /* keep under 18 digits */
        else c = c * 10 + (s[i] - '0');
        i++;
        int_digits++;
    }
    if (i < n && s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (c > 99999999999999999LL) *too_big = 1;
            else c = c * 10 + (s[i] - '0');
            i++;
            frac_digits++;
            frac++;
        }
    }
    if (int_digits == 0 && frac_digits == 0) return 0;
    /* quantity.in_range: at most 15 digits before the point and 20 after (Python
     * reports the others as number-out-of-range) */
    if (frac > 20 || (c != 0 && ndigits(c) - 1 - frac >= 15)) *too_big = 1;
    out->c = *neg ? -c : c;
    out->e = -frac;
    return i;
}

static int suffix_ok(const char *s, Py_ssize_t n) {
    /* _PLAIN_NUMBER's suffix: [^\d\s.,+-]* with ASCII classes */
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= '0' && ch <= '9') || ch == ' ' || (ch >= 9 && ch <= 13) || ch == '.' || ch == ',' ||
            ch == '+' || ch == '-')
            return 0;
    }
    return 1;
}

/* the plan for (target unit, suffix, unit cell): from the cache, else from Python */
static const plan_t *get_plan(Scanner *self, const tinfo *ti, const char *suf, Py_ssize_t sn, const char *unit,
                              Py_ssize_t un) {
    char stackbuf[512];
    Py_ssize_t kn = ti->unit_len + 1 + sn + 1 + un;
    if (kn > (Py_ssize_t)sizeof(stackbuf)) return NULL;
    memcpy(stackbuf, ti->unit, (size_t)ti->unit_len);
    stackbuf[ti->unit_len] = 0;
    memcpy(stackbuf + ti->unit_len + 1, suf, (size_t)sn);
    stackbuf[ti->unit_len + 1 + sn] = 0;
    memcpy(stackbuf + ti->unit_len + 2 + sn, unit, (size_t)un);
    int32_t idx = hm_get(&self->pmap, stackbuf, kn);
    if (idx >= 0) return &self->plans[idx];
    PyObject *r = PyObject_CallFunction(self->plan_cb, "s#s#s#", suf, sn, unit, un, ti->unit, ti->unit_len);
    if (!r) return NULL;
    plan_t p = {0, 0, 0};
    if (r != Py_None) {
        int kind, shift, nd;
        if (!PyArg_ParseTuple(r, "iii", &kind, &shift, &nd)) {
            Py_DECREF(r);
            return NULL;
        }
        p.kind = (char)kind;
        p.shift = shift;
        p.numdigits = nd;
    }
    Py_DECREF(r);
    if (self->nplans == self->capplans) {
        Py_ssize_t cap = self->capplans ? self->capplans * 2 : 16;
        plan_t *np = PyMem_Realloc(self->plans, (size_t)cap * sizeof(plan_t));
        if (!np) {
            PyErr_NoMemory();
            return NULL;
        }
        self->plans = np;
        self->capplans = cap;
    }
    self->plans[self->nplans] = p;
    if (hm_put(&self->pmap, stackbuf, kn, (int32_t)self->nplans) < 0) {
        PyErr_NoMemory();
        return NULL;
    }
    return &self->plans[self->nplans++];
}

/* ledger._Reader._fast_value in C: 1 with *out set, 0 when Python must judge, -1 error */
static int fast_value(Scanner *self, const tinfo *ti, const char *raw, Py_ssize_t rn, const char *unit,
                      Py_ssize_t un, dec *out) {
    if (rn == 0) return 0;
    dec d;
    int neg, too_big;
    Py_ssize_t k = read_number(raw, rn, &d, &neg, &too_big);
    if (k == 0 || too_big) return 0;
    if (d.c == 0 && neg) return 0; /* -0: leave the signed zero to Decimal */
    const char *suf = raw + k;
    Py_ssize_t sn = rn - k;
    if (sn == 0 && (un == 0 || (un == ti->unit_len && memcmp(unit, ti->unit, (size_t)un) == 0))) {
        if (un || ti->base_k == 0) {
            *out = d;
            return 1;
        }
        if (ti->base_k < 0) return 0;
        return dec_div_pow10(d, ti->base_k, ti->base_de, out) == 0;
    }
    if (!suffix_ok(suf, sn)) return 0;
    const plan_t *p = get_plan(self, ti, suf, sn, unit, un);
    if (!p) return PyErr_Occurred() ? -1 : 0;
    if (p->kind == 1) {
        *out = d;
        return 1;
    }
    if (p->kind != 2) return 0;
    if (ndigits(d.c) + p->numdigits > 28) return 0; /* Decimal would round the product */
    return dec_exact_shift(d, p->shift, out) == 0;
}

/* ---------------------------------------------------------------- aggregation */

static int tstate_add_inc(tstate *t, int32_t day, dec v) {
    for (int32_t i = t->nincs - 1; i >= 0; i--) {
        if (t->incs[i].day == day) {
            dec sum;
            if (dec_add(t->incs[i].v, v, &sum)) return 1; /* too big: Python sums it */
            t->incs[i].v = sum;
            return 0;
        }
    }
    if (t->nincs == t->capincs) {
        int32_t cap = t->capincs ? t->capincs * 2 : 8;
        inc_t *ni = PyMem_Realloc(t->incs, (size_t)cap * sizeof(inc_t));
        if (!ni) return -1;
        t->incs = ni;
        t->capincs = cap;
    }
    t->incs[t->nincs].day = day;
    t->incs[t->nincs].v = v; /* Decimal(0) + v is v: every value's exponent is <= 0 */
    t->nincs++;
    return 0;
}

/* would adding this increment overflow? (checked before the row is committed) */
static int inc_fits(const tstate *t, int32_t day, dec v) {
    for (int32_t i = t->nincs - 1; i >= 0; i--) {
        if (t->incs[i].day == day) {
            dec sum;
            return dec_add(t->incs[i].v, v, &sum) == 0;
        }
    }
    return 1;
}

/* MODE_DAYS: the target's record of ``day`` (rows come mostly in date order: searched
 * from the end), or NULL when it has none yet */
static day_t *day_find(const tstate *t, int32_t day) {
    for (int32_t i = t->ndays - 1; i >= 0; i--)
        if (t->dayrecs[i].day == day) return &t->dayrecs[i];
    return NULL;
}

/* ... made when missing (NULL: out of memory) */
static day_t *day_get(tstate *t, int32_t day) {
    day_t *r = day_find(t, day);
    if (r) return r;
    if (t->ndays == t->capdays) {
        int32_t cap = t->capdays ? t->capdays * 2 : 8;
        day_t *nd = PyMem_Realloc(t->dayrecs, (size_t)cap * sizeof(day_t));
        if (!nd) return NULL;
        t->dayrecs = nd;
        t->capdays = cap;
    }
    r = &t->dayrecs[t->ndays++];
    memset(r, 0, sizeof(*r));
    r->day = day;
    r->stage = -1;
    return r;
}

/* would this increment overflow the day's sum? */
static int day_add_fits(const tstate *t, int32_t day, dec v) {
    const day_t *r = day_find(t, day);
    dec sum;
    return !r || !r->has_add || dec_add(r->add, v, &sum) == 0;
}

/* ---------------------------------------------------------------- rows */

typedef struct {
    const char *p;
    Py_ssize_t n;
} cell;

typedef struct {
    cell *cells;
    Py_ssize_t n, cap;
    char *scratch; /* unescaped quoted fields */
    Py_ssize_t sn, scap;
    Py_ssize_t *soff; /* per cell: offset into scratch, or -1 */
} rowbuf;

static inline int rb_push(rowbuf *rb, const char *p, Py_ssize_t n, Py_ssize_t soff) {
    if (rb->n == rb->cap) {
        Py_ssize_t cap = rb->cap ? rb->cap * 2 : 32;
        cell *nc = PyMem_Realloc(rb->cells, (size_t)cap * sizeof(cell));
        if (!nc) return -1;
        rb->cells = nc;
        Py_ssize_t *ns = PyMem_Realloc(rb->soff, (size_t)cap * sizeof(Py_ssize_t));
        if (!ns) return -1;
        rb->soff = ns;
        rb->cap = cap;
    }
    rb->cells[rb->n].p = p;
    rb->cells[rb->n].n = n;
    rb->soff[rb->n] = soff;
    rb->n++;
    return 0;
}

static int rb_scratch(rowbuf *rb, const char *p, Py_ssize_t n) {
    if (rb->sn + n > rb->scap) {
        Py_ssize_t cap = rb->scap ? rb->scap : 256;
        while (cap < rb->sn + n) cap *= 2;
        char *ns = PyMem_Realloc(rb->scratch, (size_t)cap);
        if (!ns) return -1;
        rb->scratch = ns;
        rb->scap = cap;
    }
    memcpy(rb->scratch + rb->sn, p, (size_t)n);
    rb->sn += n;
    return 0;
}

enum { ROW_OK = 0, ROW_ODD = 1, ROW_ERR = -1 };

/* the bytes that end or spoil an unquoted field */
static const unsigned char SPECIAL[256] = {[0] = 1, ['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1};

/* One row from *pp; *lines gets the number of line ends consumed. ROW_ODD: syntax this
 * scanner leaves to the csv module (nothing consumed). */
static int parse_row(const char *start, const char *end, rowbuf *rb, const char **next, Py_ssize_t *lines,
                     Py_ssize_t field_limit) {
    const char *p = start;
    Py_ssize_t nl = 0;
    rb->n = 0;
    rb->sn = 0;
    for (;;) {
        if (p < end && *p == '"') {
            const char *q = p + 1;
            Py_ssize_t soff = -1;
            const char *seg = q;
            for (;;) {
                const char *quote = memchr(q, '"', (size_t)(end - q));
                if (!quote) return ROW_ODD; /* unterminated */
                for (const char *c = q; c < quote; c++) {
                    if (*c == '\n') nl++;
                    else if (*c == '\r') {
                        if (c + 1 >= quote || c[1] != '\n') return ROW_ODD;
                    } else if (*c == 0)
                        return ROW_ODD;
                }
                if (quote + 1 < end && quote[1] == '"') { /* "" inside */
                    if (soff < 0) soff = rb->sn;
                    if (rb_scratch(rb, seg, quote + 1 - seg) < 0) return ROW_ERR;
                    q = quote + 2;
                    seg = q;
                    continue;
                }
                Py_ssize_t flen;
                if (soff >= 0) {
                    if (rb_scratch(rb, seg, quote - seg) < 0) return ROW_ERR;
                    flen = rb->sn - soff;
                } else
                    flen = quote - seg;
                if (flen > field_limit) return ROW_ODD;
                if (rb_push(rb, soff >= 0 ? NULL : seg, flen, soff) < 0) return ROW_ERR;
                p = quote + 1;
                break;
            }
        } else {
            const char *f = p;
            while (p < end && !SPECIAL[(unsigned char)*p]) p++;
            if (p < end && (*p == '"' || *p == 0)) return ROW_ODD;
            if (p - f > field_limit) return ROW_ODD;
            if (rb_push(rb, f, p - f, -1) < 0) return ROW_ERR;
        }
        /* after a field: the end of the data, a comma, or a line end */
        if (p >= end) break;
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '\n') {
            p++;
            nl++;
            break;
        }
        if (*p == '\r' && p + 1 < end && p[1] == '\n') {
            p += 2;
            nl++;
            break;
        }
        return ROW_ODD; /* text after a closing quote, or a bare \r */
    }
    for (Py_ssize_t i = 0; i < rb->n; i++)
        if (rb->soff[i] >= 0) rb->cells[i].p = rb->scratch + rb->soff[i];
    *next = p;
    *lines = nl;
    return ROW_OK;
}

static int sync_seq_out(Scanner *self, int64_t seq) {
    PyObject *v = PyLong_FromLongLong(seq);
    if (!v) return -1;
    int r = PyObject_SetAttrString(self->reader, "seq", v);
    Py_DECREF(v);
    return r;
}

static int sync_seq_in(Scanner *self, int64_t *seq) {
    PyObject *v = PyObject_GetAttrString(self->reader, "seq");
    if (!v) return -1;
    *seq = PyLong_AsLongLong(v);
    Py_DECREF(v);
    return (*seq == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* hand a row to Python: odd(cells, line) */
static int call_odd(Scanner *self, PyObject *odd, const rowbuf *rb, Py_ssize_t line, int64_t *seq) {
    PyObject *lst = PyList_New(rb->n);
    if (!lst) return -1;
    for (Py_ssize_t i = 0; i < rb->n; i++) {
        PyObject *s = PyUnicode_DecodeUTF8(rb->cells[i].p, rb->cells[i].n, NULL);
        if (!s) {
            Py_DECREF(lst);
            return -1;
        }
        PyList_SET_ITEM(lst, i, s);
    }
    if (sync_seq_out(self, *seq) < 0) {
        Py_DECREF(lst);
        return -1;
    }
    PyObject *r = PyObject_CallFunction(odd, "On", lst, line);
    Py_DECREF(lst);
    if (!r) return -1;
    Py_DECREF(r);
    return sync_seq_in(self, seq);
}

static inline int is_space_byte(unsigned char ch) {
    return ch == ' ' || (ch >= 9 && ch <= 13) || (ch >= 0x1c && ch <= 0x1f) || ch >= 0x80;
}

/* the date object of an ordinal in the plan year (made once per day) */
static PyObject *day_object(Scanner *self, int32_t day) {
    int doy = day - self->jan1; /* 0-based */
    if (doy < 0 || doy > 365) {
        PyErr_SetString(PyExc_ValueError, "day outside the plan year");
        return NULL;
    }
    if (!self->days[doy]) {
        int leap = is_leap(self->year), m = 12;
        while (m > 1 && DBM[m - 1] + (m > 2 && leap) > doy) m--;
        int d = doy - (DBM[m - 1] + (m > 2 && leap)) + 1;
        self->days[doy] = PyDate_FromDate(self->year, m, d);
        if (!self->days[doy]) return NULL;
    }
    Py_INCREF(self->days[doy]);
    return self->days[doy];
}

static PyObject *cell_str(const rowbuf *rb, Py_ssize_t pos) {
    if (pos < 0) return PyUnicode_FromStringAndSize("", 0);
    return PyUnicode_DecodeUTF8(rb->cells[pos].p, rb->cells[pos].n, NULL);
}

/* The Decimal of a value: the same coefficient and exponent */
static PyObject *dec_object(Scanner *self, dec d) {
    PyObject *text = PyUnicode_FromFormat("%lldE%d", (long long)d.c, (int)d.e);
    if (!text) return NULL;
    PyObject *v = PyObject_CallOneArg(self->decimal, text);
    Py_DECREF(text);
    return v;
}

/* MODE_EMIT: sink.add(tid, day, seq, is_total, value, stage, eid, None,
 *                     (by, note, source, path, line, raw value)), as _csv_rows calls it */
static int emit_row(Scanner *self, Py_ssize_t ti_idx, int32_t day, int64_t seq, int is_add, int32_t stage, dec value,
                    PyObject *eid, const rowbuf *rb, const Py_ssize_t *cols, PyObject *path, Py_ssize_t line) {
    PyObject *date = day_object(self, day), *seqo = PyLong_FromLongLong(seq), *val = NULL, *stg = NULL, *row = NULL;
    int r = -1;
    if (!date || !seqo) goto done;
    if (stage >= 0) {
        val = Py_None;
        Py_INCREF(val);
        stg = PyTuple_GET_ITEM(PyList_GET_ITEM(self->stage_strs, ti_idx), stage);
        Py_INCREF(stg);
    } else {
        val = dec_object(self, value);
        if (!val) goto done;
        stg = Py_None;
        Py_INCREF(stg);
    }
    row = Py_BuildValue("(NNNOnN)", cell_str(rb, cols[7]), cell_str(rb, cols[8]), cell_str(rb, cols[9]), path, line,
                        cell_str(rb, cols[3]));
    if (!row) goto done;
    PyObject *argv[9] = {PyList_GET_ITEM(self->tids, ti_idx), date, seqo, is_add ? Py_False : Py_True,
                         val, stg, eid, Py_None, row};
    PyObject *res = PyObject_Vectorcall(self->emit, argv, 9, NULL);
    if (res) {
        Py_DECREF(res);
        r = 0;
    }
done:
    Py_XDECREF(date);
    Py_XDECREF(seqo);
    Py_XDECREF(val);
    Py_XDECREF(stg);
    Py_XDECREF(row);
    return r;
}

/* scan(text, cols, width, where, rel, odd, field_limit[, path])
 *   -> (rows accepted here, rest text or None, line of the rest, [target ids named]) */
static PyObject *Scanner_scan(Scanner *self, PyObject *args) {
    PyObject *text, *cols_obj, *rel, *odd, *path = NULL;
    Py_ssize_t width, field_limit;
    long long where;
    if (!PyArg_ParseTuple(args, "OO!nLUOn|U", &text, &PyTuple_Type, &cols_obj, &width, &where, &rel, &odd,
                          &field_limit, &path))
        return NULL;
    if (self->mode == MODE_EMIT && !path) {
        PyErr_SetString(PyExc_TypeError, "MODE_EMIT needs the file's display path");
        return NULL;
    }
    if (!PyUnicode_Check(text) && !PyBytes_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be str or UTF-8 bytes (checked with utf8_check)");
        return NULL;
    }
    if (PyTuple_GET_SIZE(cols_obj) != 11) {
        PyErr_SetString(PyExc_ValueError, "cols must have 11 items");
        return NULL;
    }
    Py_ssize_t cols[11];
    for (int i = 0; i < 11; i++) {
        cols[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(cols_obj, i));
        if (cols[i] == -1 && PyErr_Occurred()) return NULL;
    }
    const Py_ssize_t ipos = cols[0], dpos = cols[1], tpos = cols[2], vpos = cols[3], upos = cols[4],
                     bpos = cols[5], spos = cols[6], rpos = cols[10];
    Py_ssize_t len;
    const char *buf;
    if (PyBytes_Check(text)) {
        buf = PyBytes_AS_STRING(text);
        len = PyBytes_GET_SIZE(text);
    } else {
        buf = PyUnicode_AsUTF8AndSize(text, &len);
        if (!buf) return NULL;
    }
    const char *end = buf + len;
    const char *p = memchr(buf, '\n', (size_t)len);
    int64_t seq;
    if (sync_seq_in(self, &seq) < 0) return NULL;
    long long rows = 0;
    Py_ssize_t line = 2;
    PyObject *rest = NULL;
    Py_ssize_t rest_line = 0;
    rowbuf rb = {0};
    self->nseen = 0;
    int failed = 0;
    if (p) p++;
    else p = end;
    static const cell EMPTY = {"", 0};
#define CELL(pos) ((pos) >= 0 ? rb.cells[(pos)] : EMPTY)
    while (p < end) {
        const char *row_start = p, *next;
        Py_ssize_t row_line = line, lines;
        if (*p == '\n') { /* an empty line: the csv module yields [] for it */
            p++;
            line++;
            continue;
        }
        if (*p == '\r' && p + 1 < end && p[1] == '\n') {
            p += 2;
            line++;
            continue;
        }
        int r = parse_row(p, end, &rb, &next, &lines, field_limit);
        if (r == ROW_ERR) {
            PyErr_NoMemory();
            failed = 1;
            break;
        }
        if (r == ROW_ODD) {
            rest = PyUnicode_DecodeUTF8(row_start, end - row_start, NULL);
            if (!rest) failed = 1;
            rest_line = row_line;
            break;
        }
        p = next;
        line += lines;
        if (rb.n != width) goto slow;
        {
            /* the id's slot is fetched from memory while the other cells are checked (the
             * table is far bigger than the cache: this was a fifth of the time) */
            cell ic = CELL(ipos);
            uint64_t ihash = 0;
            if (ic.n && self->ids) {
                ihash = fnv(ic.p, ic.n);
                if (self->ids->cap)
                    __builtin_prefetch(&self->ids->slots[ihash & (uint64_t)(self->ids->cap - 1)]);
            }
            cell tc = rb.cells[tpos];
            int32_t ti_idx = hm_get(&self->tmap, tc.p, tc.n);
            if (ti_idx < 0) goto slow;
            const tinfo *ti = &self->info[ti_idx];
            if (!ti->only_ok) continue;
            tstate *ts = &self->st[ti_idx];
            if (!ts->seen) {
                ts->seen = 1;
                self->seen_list[self->nseen++] = ti_idx;
            }
            if (self->mode == MODE_FILTER) goto slow;
            cell dc = CELL(dpos);
            int32_t day = iso_day(dc.p, dc.n, self->year);
            if (!day) goto slow;
            int is_add = 0;
            if (bpos >= 0) {
                is_add = hm_get(&self->bmap, rb.cells[bpos].p, rb.cells[bpos].n);
                if (is_add < 0) goto slow;
            }
            if (rpos >= 0 && rb.cells[rpos].n) goto slow;
            if (ic.n && (is_space_byte((unsigned char)ic.p[0]) || is_space_byte((unsigned char)ic.p[ic.n - 1])))
                goto slow; /* str.strip() would change it */
            PyObject *eid = NULL;
            cell sc = CELL(spos);
            int32_t stage = -1;
            dec value = {0, 0};
            if (ti->milestone) {
                if (!sc.n || (vpos >= 0 && rb.cells[vpos].n)) {
                    Py_XDECREF(eid);
                    goto slow;
                }
                for (int32_t j = 0; j < ti->nstages; j++) {
                    if (ti->stage_lens[j] == sc.n && memcmp(ti->stages[j], sc.p, (size_t)sc.n) == 0) {
                        stage = j;
                        break;
                    }
                }
                if (stage < 0) {
                    Py_XDECREF(eid);
                    goto slow;
                }
            } else {
                if (sc.n || vpos < 0) {
                    Py_XDECREF(eid);
                    goto slow;
                }
                cell vc = rb.cells[vpos], uc = CELL(upos);
                int got = fast_value(self, ti, vc.p, vc.n, uc.p, uc.n, &value);
                if (got < 0) {
                    Py_XDECREF(eid);
                    failed = 1;
                    break;
                }
                if (!got || (value.c < 0 && !is_add && !ti->negatives)) {
                    Py_XDECREF(eid);
                    goto slow;
                }
                if (is_add && day <= self->as_of &&
                    !(self->mode == MODE_DAYS ? day_add_fits(ts, day, value) : inc_fits(ts, day, value))) {
                    Py_XDECREF(eid);
                    goto slow;
                }
            }
            if (ic.n && self->ids && it_find(self->ids, ic.p, ic.n, ihash))
                goto slow; /* a duplicate id: Python reports it */
            /* the row is good: the same bookkeeping as _Reader.row */
            rows++;
            seq++;
            if (ic.n && self->ids && it_set(self->ids, ic.p, ic.n, ihash, where | (long long)row_line) < 0) {
                failed = 1;
                break;
            }
            if (self->exclude) {
                eid = ic.n ? PyUnicode_DecodeUTF8(ic.p, ic.n, NULL) : PyUnicode_FromFormat("%U:%zd", rel, row_line);
                if (!eid) {
                    failed = 1;
                    break;
                }
                int ex = PySet_Contains(self->exclude, eid);
                if (ex < 0) {
                    Py_DECREF(eid);
                    failed = 1;
                    break;
                }
                if (ex) {
                    PyObject *pair = PyTuple_Pack(2, eid, PyList_GET_ITEM(self->tids, ti_idx));
                    Py_DECREF(eid);
                    if (!pair || PySet_Add(self->excluded, pair) < 0) {
                        Py_XDECREF(pair);
                        failed = 1;
                        break;
                    }
                    Py_DECREF(pair);
                    continue;
                }
            }
            if (self->mode == MODE_EMIT) {
                if (day > self->as_of) { /* the sink would drop it (as_of is only set for those that do) */
                    Py_XDECREF(eid);
                    continue;
                }
                if (!eid) /* as _csv_rows: the id, else "path:line" */
                    eid = ic.n ? PyUnicode_DecodeUTF8(ic.p, ic.n, NULL) : PyUnicode_FromFormat("%U:%zd", rel, row_line);
                int r = eid ? emit_row(self, ti_idx, day, seq, is_add, stage, value, eid, &rb, cols, path, row_line) : -1;
                Py_XDECREF(eid);
                if (r < 0) {
                    failed = 1;
                    break;
                }
                continue;
            }
            Py_XDECREF(eid);
            if (day > self->as_of) continue;
            ts->touched = 1;
            if (self->mode == MODE_DAYS) {
                day_t *r = day_get(ts, day);
                if (!r) {
                    PyErr_NoMemory();
                    failed = 1;
                    break;
                }
                r->count++;
                if (stage >= 0) {
                    if (r->stage < 0 || seq > r->stage_seq) {
                        r->stage = stage;
                        r->stage_seq = seq;
                    }
                } else if (!is_add) {
                    if (!r->has_total || seq > r->total_seq) {
                        r->has_total = 1;
                        r->total = value;
                        r->total_seq = seq;
                    }
                } else if (r->has_add) {
                    dec sum;
                    dec_add(r->add, value, &sum); /* fits: checked above */
                    r->add = sum;
                } else {
                    r->has_add = 1;
                    r->add = value; /* Decimal(0) + v is v: every value's exponent is <= 0 */
                }
                continue;
            }
            ts->count++;
            if (day > ts->last_day) ts->last_day = day;
            if (stage >= 0) {
                if (ts->stage < 0 || day > ts->stage_day || (day == ts->stage_day && seq > ts->stage_seq)) {
                    ts->stage = stage;
                    ts->stage_day = day;
                    ts->stage_seq = seq;
                }
                continue;
            }
            if (!is_add) {
                if (!ts->has_total || day > ts->total_day || (day == ts->total_day && seq > ts->total_seq)) {
                    ts->has_total = 1;
                    ts->total = value;
                    ts->total_day = day;
                    ts->total_seq = seq;
                    int32_t k = 0;
                    for (int32_t i = 0; i < ts->nincs; i++)
                        if (ts->incs[i].day > day) ts->incs[k++] = ts->incs[i];
                    ts->nincs = k;
                }
            } else {
                if (ts->has_total && day <= ts->total_day) continue;
                if (tstate_add_inc(ts, day, value) < 0) {
                    PyErr_NoMemory();
                    failed = 1;
                    break;
                }
            }
            continue;
        }
    slow:
        if (call_odd(self, odd, &rb, row_line, &seq) < 0) {
            failed = 1;
            break;
        }
    }
#undef CELL
    PyMem_Free(rb.cells);
    PyMem_Free(rb.soff);
    PyMem_Free(rb.scratch);
    PyObject *seen = PyList_New(self->nseen);
    for (Py_ssize_t i = 0; i < self->nseen; i++) {
        int32_t idx = self->seen_list[i];
        self->st[idx].seen = 0;
        if (seen) {
            PyObject *t = PyList_GET_ITEM(self->tids, idx);
            Py_INCREF(t);
            PyList_SET_ITEM(seen, i, t);
        }
    }
    self->nseen = 0;
    if (failed || !seen || sync_seq_out(self, seq) < 0) {
        Py_XDECREF(rest);
        Py_XDECREF(seen);
        return NULL;
    }
    if (!rest) {
        rest = Py_None;
        Py_INCREF(rest);
    }
    return Py_BuildValue("(LNnN)", rows, rest, rest_line, seen);
}

static PyObject *dec_tuple(dec d) { return Py_BuildValue("(Li)", (long long)d.c, (int)d.e); }

/* export() -> {tid: (count, last_day, stage|None, stage_day, stage_seq,
 *                    (coef, exp)|None, total_day, total_seq, [(day, coef, exp)])}
 * and forget them: the aggregates of every row accepted here since the last export. */
static PyObject *Scanner_export(Scanner *self, PyObject *unused) {
    PyObject *out = PyDict_New();
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i < self->nt; i++) {
        tstate *t = &self->st[i];
        if (!t->touched) continue;
        PyObject *stage = Py_None;
        if (t->stage >= 0) stage = PyTuple_GET_ITEM(PyList_GET_ITEM(self->stage_strs, i), t->stage);
        PyObject *total = t->has_total ? dec_tuple(t->total) : (Py_INCREF(Py_None), Py_None);
        PyObject *incs = PyList_New(t->nincs);
        if (!total || !incs) {
            Py_XDECREF(total);
            Py_XDECREF(incs);
            Py_DECREF(out);
            return NULL;
        }
        for (int32_t j = 0; j < t->nincs; j++) {
            PyObject *it = Py_BuildValue("(iLi)", t->incs[j].day, (long long)t->incs[j].v.c, (int)t->incs[j].v.e);
            if (!it) {
                Py_DECREF(total);
                Py_DECREF(incs);
                Py_DECREF(out);
                return NULL;
            }
            PyList_SET_ITEM(incs, j, it);
        }
        PyObject *v = Py_BuildValue("(LiOiLNiLN)", (long long)t->count, t->last_day, stage, t->stage_day,
                                    (long long)t->stage_seq, total, t->total_day, (long long)t->total_seq, incs);
        if (!v || PyDict_SetItem(out, PyList_GET_ITEM(self->tids, i), v) < 0) {
            Py_XDECREF(v);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(v);
        PyMem_Free(t->incs);
        memset(t, 0, sizeof(*t));
        t->stage = -1;
    }
    return out;
}

static int day_cmp(const void *a, const void *b) {
    int32_t x = ((const day_t *)a)->day, y = ((const day_t *)b)->day;
    return (x > y) - (x < y);
}

/* One target's days (sorted) folded into its timeline as ledger.Timeline.of_sorted folds
 * them: after each day the entries counted, the actual (the latest total plus the
 * increments dated after it) and the stage. Returns (dates, counts, actuals, stages), or
 * None (no error set) when a sum would not fit 64 bits: Python folds those days. */
static PyObject *fold_days(Scanner *self, Py_ssize_t ti_idx, const tstate *t) {
    int32_t n = t->ndays;
    /* the sums first, so that nothing is built for a target Python must fold */
    dec *acts = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(dec));
    char *has = PyMem_Malloc((size_t)(n ? n : 1));
    if (!acts || !has) {
        PyMem_Free(acts);
        PyMem_Free(has);
        PyErr_NoMemory();
        return NULL;
    }
    dec base = {0, 0}, incs = {0, 0};
    int has_base = 0, has_incs = 0;
    for (int32_t j = 0; j < n; j++) {
        const day_t *r = &t->dayrecs[j];
        if (r->has_total) { /* it includes the day's increments */
            base = r->total;
            has_base = 1;
            has_incs = 0;
        } else if (r->has_add) {
            if (has_incs) {
                if (dec_add(incs, r->add, &incs)) goto too_big;
            } else {
                incs = r->add; /* Decimal(0) + v is v: every value's exponent is <= 0 */
                has_incs = 1;
            }
        }
        has[j] = (char)(has_base || has_incs);
        if (has_incs && has_base) {
            if (dec_add(base, incs, &acts[j])) goto too_big;
        } else {
            acts[j] = has_incs ? incs : base; /* + Decimal(0): the same, exponents being <= 0 */
        }
    }
    PyObject *dates = PyList_New(n), *counts = PyList_New(n), *actuals = PyList_New(n), *stages = PyList_New(n);
    if (!dates || !counts || !actuals || !stages) goto fail;
    PyObject *stage_names = PyList_GET_ITEM(self->stage_strs, ti_idx);
    int64_t count = 0;
    int32_t stage = -1;
    for (int32_t j = 0; j < n; j++) {
        const day_t *r = &t->dayrecs[j];
        count += r->count;
        if (r->stage >= 0) stage = r->stage;
        PyObject *d = day_object(self, r->day), *c = PyLong_FromLongLong(count);
        PyObject *a = has[j] ? dec_object(self, acts[j]) : (Py_INCREF(Py_None), Py_None);
        PyObject *st = stage >= 0 ? PyTuple_GET_ITEM(stage_names, stage) : Py_None;
        Py_INCREF(st);
        if (d) PyList_SET_ITEM(dates, j, d);
        if (c) PyList_SET_ITEM(counts, j, c);
        if (a) PyList_SET_ITEM(actuals, j, a);
        PyList_SET_ITEM(stages, j, st);
        if (!d || !c || !a) goto fail;
    }
    PyMem_Free(acts);
    PyMem_Free(has);
    return Py_BuildValue("(NNNN)", dates, counts, actuals, stages);
fail:
    Py_XDECREF(dates);
    Py_XDECREF(counts);
    Py_XDECREF(actuals);
    Py_XDECREF(stages);
    PyMem_Free(acts);
    PyMem_Free(has);
    return NULL;
too_big:
    PyMem_Free(acts);
    PyMem_Free(has);
    Py_RETURN_NONE;
}

/* The days themselves, for Python to merge and fold:
 * [(date, count, total, total_seq, add, stage, stage_seq)], total and add Decimals or
 * None, stage a str or None, a seq of -1 where there is none. */
static PyObject *raw_days(Scanner *self, Py_ssize_t ti_idx, const tstate *t) {
    PyObject *list = PyList_New(t->ndays);
    if (!list) return NULL;
    for (int32_t j = 0; j < t->ndays; j++) {
        const day_t *r = &t->dayrecs[j];
        PyObject *date = day_object(self, r->day);
        PyObject *total = r->has_total ? dec_object(self, r->total) : (Py_INCREF(Py_None), Py_None);
        PyObject *add = r->has_add ? dec_object(self, r->add) : (Py_INCREF(Py_None), Py_None);
        PyObject *stage = Py_None;
        if (r->stage >= 0) stage = PyTuple_GET_ITEM(PyList_GET_ITEM(self->stage_strs, ti_idx), r->stage);
        PyObject *item = (date && total && add)
            ? Py_BuildValue("(NiNLNOL)", date, (int)r->count, total, (long long)(r->has_total ? r->total_seq : -1),
                            add, stage, (long long)(r->stage >= 0 ? r->stage_seq : -1))
            : NULL;
        if (!item) {
            if (!(date && total && add)) { /* else Py_BuildValue has released them */
                Py_XDECREF(date);
                Py_XDECREF(total);
                Py_XDECREF(add);
            }
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, j, item);
    }
    return list;
}

/* take_days(python_tids) -> (tid, dates, counts, actuals, stages) | (tid, days) | None
 * MODE_DAYS: the next target's days in date order, forgotten here as they are handed over,
 * one target at a time so that they never exist twice; None once all are taken. Folded
 * into the timeline's columns here, unless Python read rows of that target too (its id is
 * in ``python_tids``) or a sum would not fit 64 bits: then the days themselves. */
static PyObject *Scanner_take_days(Scanner *self, PyObject *python_tids) {
    for (Py_ssize_t i = 0; i < self->nt; i++) {
        tstate *t = &self->st[i];
        if (!t->touched) continue;
        t->touched = 0;
        if (!t->ndays) continue;
        qsort(t->dayrecs, (size_t)t->ndays, sizeof(day_t), day_cmp);
        PyObject *tid = PyList_GET_ITEM(self->tids, i);
        int mixed = PySequence_Contains(python_tids, tid);
        if (mixed < 0) return NULL;
        PyObject *out = NULL;
        if (!mixed) {
            PyObject *cols = fold_days(self, i, t);
            if (!cols) return NULL;
            if (cols != Py_None) {
                out = Py_BuildValue("(OOOOO)", tid, PyTuple_GET_ITEM(cols, 0), PyTuple_GET_ITEM(cols, 1),
                                    PyTuple_GET_ITEM(cols, 2), PyTuple_GET_ITEM(cols, 3));
                Py_DECREF(cols);
                if (!out) return NULL;
            } else {
                Py_DECREF(cols);
            }
        }
        if (!out) {
            PyObject *days = raw_days(self, i, t);
            if (!days) return NULL;
            out = Py_BuildValue("(ON)", tid, days);
            if (!out) return NULL;
        }
        PyMem_Free(t->dayrecs);
        t->dayrecs = NULL;
        t->ndays = t->capdays = 0;
        return out;
    }
    Py_RETURN_NONE;
}

/* replaces_scan(data: bytes, col, last) -> [bytes] | None
 * The cells of column ``col`` (stripped of ASCII white space, non-empty) in the rows after
 * the header line: the ids that corrections replace. With ``last`` (col is the last
 * column) a file whose every line ends with a comma holds none, and one pass of memchr
 * tells. None: syntax the row parser leaves to the csv module, or a cell whose ends may
 * be Unicode white space (Python reads those files). */
static PyObject *replaces_scan(PyObject *mod, PyObject *args) {
    Py_buffer view;
    Py_ssize_t col;
    int last;
    if (!PyArg_ParseTuple(args, "y*np", &view, &col, &last)) return NULL;
    const char *buf = view.buf, *end = buf + view.len;
    PyObject *out = PyList_New(0);
    const char *p = memchr(buf, '\n', (size_t)view.len);
    if (!out || !p) {
        PyBuffer_Release(&view);
        return out;
    }
    p++;
    if (last) {
        int plain = 1;
        for (const char *q = p; q < end;) {
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            const char *e = nl ? nl : end;
            if (e > q && e[-1] == '\r') e--;
            if (e > q && e[-1] != ',') {
                plain = 0;
                break;
            }
            q = nl ? nl + 1 : end;
        }
        if (plain) {
            PyBuffer_Release(&view);
            return out;
        }
    }
    rowbuf rb = {0};
    PyObject *result = out;
    while (p < end) {
        if (*p == '\n') {
            p++;
            continue;
        }
        if (*p == '\r' && p + 1 < end && p[1] == '\n') {
            p += 2;
            continue;
        }
        const char *next;
        Py_ssize_t lines;
        int r = parse_row(p, end, &rb, &next, &lines, PY_SSIZE_T_MAX);
        if (r == ROW_ERR) {
            PyErr_NoMemory();
            result = NULL;
            break;
        }
        if (r == ROW_ODD) {
            result = Py_None;
            break;
        }
        p = next;
        if (rb.n <= col) continue;
        const char *a = rb.cells[col].p, *b = a + rb.cells[col].n;
        while (a < b && is_space_byte((unsigned char)*a) && (unsigned char)*a < 0x80) a++;
        while (b > a && is_space_byte((unsigned char)b[-1]) && (unsigned char)b[-1] < 0x80) b--;
        if (a == b) continue;
        if ((unsigned char)*a >= 0x80 || (unsigned char)b[-1] >= 0x80) {
            result = Py_None;
            break;
        }
        PyObject *cell = PyBytes_FromStringAndSize(a, b - a);
        if (!cell || PyList_Append(out, cell) < 0) {
            Py_XDECREF(cell);
            result = NULL;
            break;
        }
        Py_DECREF(cell);
    }
    PyMem_Free(rb.cells);
    PyMem_Free(rb.soff);
    PyMem_Free(rb.scratch);
    PyBuffer_Release(&view);
    if (result != out) {
        Py_DECREF(out);
        Py_XINCREF(result);
    }
    return result;
}

/* utf8_check(data) -> whether data is strict UTF-8 (as bytes.decode("utf-8") accepts:
 * no overlong forms, no surrogates, nothing past U+10FFFF) with no NUL byte */
static PyObject *utf8_check(PyObject *mod, PyObject *arg) {
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return NULL;
    const unsigned char *p = view.buf, *end = p + view.len;
    int ok = 1;
    while (p < end) {
        if (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            /* eight ASCII bytes, none of them NUL */
            if (!(w & 0x8080808080808080ULL) && !((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)) {
                p += 8;
                continue;
            }
        }
        unsigned char c = *p;
        if (c < 0x80) {
            if (c == 0) {
                ok = 0;
                break;
            }
            p++;
            continue;
        }
        /* the usual Chinese character: three bytes, E1-EC or EE-EF then two continuations */
        if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
            (p[2] & 0xC0) == 0x80) {
            p += 3;
            continue;
        }
        int n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c == 0xE0) { n = 2; lo = 0xA0; }
        else if (c == 0xED) { n = 2; hi = 0x9F; }
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) n = 2;
        else if (c == 0xF0) { n = 3; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) n = 3;
        else if (c == 0xF4) { n = 3; hi = 0x8F; }
        else {
            ok = 0;
            break;
        }
        if (end - p <= n || p[1] < lo || p[1] > hi) {
            ok = 0;
            break;
        }
        for (int i = 2; i <= n; i++)
            if (p[i] < 0x80 || p[i] > 0xBF) {
                ok = 0;
                break;
            }
        if (!ok) break;
        p += n + 1;
    }
    PyBuffer_Release(&view);
    return PyBool_FromLong(ok);
}

static PyMethodDef module_methods[] = {
    {"utf8_check", (PyCFunction)utf8_check, METH_O, "Strict UTF-8 with no NUL byte?"},
    {"replaces_scan", (PyCFunction)replaces_scan, METH_VARARGS, "The replaced ids named in one CSV file."},
    {NULL, NULL, 0, NULL}};

static PyMethodDef Scanner_methods[] = {
    {"scan", (PyCFunction)Scanner_scan, METH_VARARGS, "Check and aggregate the usual rows of one CSV text."},
    {"export", (PyCFunction)Scanner_export, METH_NOARGS, "The per-target aggregates so far (then cleared)."},
    {"take_days", (PyCFunction)Scanner_take_days, METH_O, "MODE_DAYS: the next target's timeline or days (then cleared)."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "worktargets._rowscan.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Row scanner for CSV ledger files (see ledger._Reader).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Scanner_init,
    .tp_dealloc = (destructor)Scanner_dealloc,
    .tp_methods = Scanner_methods,
};

/* a hook for tests: the value fast_value gives, or None */
static struct PyModuleDef rowscan_module = {
    PyModuleDef_HEAD_INIT, "_rowscan", "Compiled row checks for worktargets' CSV ledger files.", -1, module_methods,
};

PyMODINIT_FUNC PyInit__rowscan(void) {
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI) return NULL;
    if (PyType_Ready(&ScannerType) < 0) return NULL;
    PyObject *m = PyModule_Create(&rowscan_module);
    if (!m) return NULL;
    if (PyType_Ready(&IdTableType) < 0) return NULL;
    Py_INCREF(&IdTableType);
    if (PyModule_AddObject(m, "IdTable", (PyObject *)&IdTableType) < 0) {
        Py_DECREF(&IdTableType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&ScannerType);
    if (PyModule_AddObject(m, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(&ScannerType);
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "VERSION", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
