// The scanner's one pass over a block, in C (Node-API, so one build serves Node and
// Electron). It does only what must touch every character:
//   - tells the caller when the block needs the JavaScript path (characters that fold to
//     nothing or to more than one, letter-spaced Chinese: offsets would move);
//   - reads full-width forms folded (the reader's view, as fold.ts does), unit by unit as
//     it goes, so that shared memory is read where it is, never copied;
//   - checks that no surrogate stands alone (the caller repairs the text then);
//   - runs the term automaton that aho.ts builds (the tables are passed in, not rebuilt,
//     so both paths walk the same automaton);
//   - marks the lines where each group of detectors could match anything (a digit, an
//     '@', a mark or label word, a name label), and hands back those lines, folded, as
//     one text per group. The detectors themselves (regular expressions, check digits,
//     context words) stay in scanner.ts and run on those lines only.
// The result is checked against the JavaScript path in test/unit/scanner/native.test.ts.

#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HAS_OUTPUT (1 << 30)
#define STATE_MASK (HAS_OUTPUT - 1)
#define GROUPS 4
#define G_DIGIT 1
#define G_AT 2
#define STREAMS 8

typedef struct {
  uint16_t *unit_class; // 65536: the automaton's class of each (folded) unit
  uint16_t *fold_class; // 65536: the class of each unit as stored, that is of its folded form
  int32_t *rows;
  int32_t width, row_count;
  int32_t *fail;
  int32_t *key_state;
  uint16_t *key_unit;
  int32_t *target;
  uint32_t mask;
  int32_t *out_start, *out_list, *lengths;
  // Trigger words: word k is words[word_start[k] .. word_start[k + 1]), in the groups word_group[k].
  uint16_t *words;
  int32_t *word_start;
  uint8_t *word_group;
  int32_t word_count;
  uint8_t *first_group; // 65536: groups of the words that start with this unit
  int32_t *first_word;  // 65536: the first word that starts with this unit, or -1
  int32_t *next_word;   // per word: the next word with the same first unit, or -1
  uint16_t *flags;      // 65536: F_* below, for the pass over the text as stored
  uint8_t *lane;        // 65536: LANE_* below, how the eight-at-a-time loop may take a unit
  int32_t max_len;      // the longest term, in units
  int32_t states;
  int32_t *parent;      // per state in breadth-first order: its parent, and the unit from it
  uint16_t *edge_unit;
} Tables;

#define F_IDEOGRAPH 1
#define F_SPACING 2
#define F_FOLDS 4
#define F_NOT_ONE_FOR_ONE 8
#define F_DIGIT 16
#define F_AT 32
#define F_NEWLINE 64
#define F_WORD 128
#define F_SURROGATE 256

// A unit the eight-at-a-time loop takes without looking at it alone: an ideograph that
// starts no trigger word, or a unit whose only effect is to end letter-spacing
// (punctuation, letters: flags 0 or only F_FOLDS).
#define LANE_OTHER 0
#define LANE_IDEOGRAPH 1
#define LANE_QUIET 2

typedef struct {
  int32_t *v;
  size_t n, cap;
} Ints;

static int ints_push(Ints *a, int32_t x) {
  if (a->n == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 256;
    int32_t *v = realloc(a->v, cap * sizeof(int32_t));
    if (!v) return 0;
    a->v = v;
    a->cap = cap;
  }
  a->v[a->n++] = x;
  return 1;
}

#define CHECK(call)                                  \
  do {                                               \
    if ((call) != napi_ok) goto fail;                \
  } while (0)

static void tables_free(Tables *t) {
  if (!t) return;
  free(t->unit_class);
  free(t->fold_class);
  free(t->rows);
  free(t->fail);
  free(t->key_state);
  free(t->key_unit);
  free(t->target);
  free(t->out_start);
  free(t->out_list);
  free(t->lengths);
  free(t->words);
  free(t->word_start);
  free(t->word_group);
  free(t->first_group);
  free(t->first_word);
  free(t->next_word);
  free(t->flags);
  free(t->lane);
  free(t->parent);
  free(t->edge_unit);
  free(t);
}

static void finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  tables_free((Tables *)data);
}

// A copy of a typed array property; `length` gets its element count.
static void *copy_array(napi_env env, napi_value obj, const char *name, napi_typedarray_type want, size_t elem, size_t *length) {
  napi_value v;
  bool is;
  napi_typedarray_type type;
  size_t len;
  void *data;
  if (napi_get_named_property(env, obj, name, &v) != napi_ok) return NULL;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return NULL;
  if (napi_get_typedarray_info(env, v, &type, &len, &data, NULL, NULL) != napi_ok || type != want) return NULL;
  void *out = malloc(len * elem + 1);
  if (!out) return NULL;
  if (len) memcpy(out, data, len * elem);
  if (length) *length = len;
  return out;
}

static int get_int(napi_env env, napi_value obj, const char *name, int32_t *out) {
  napi_value v;
  return napi_get_named_property(env, obj, name, &v) == napi_ok && napi_get_value_int32(env, v, out) == napi_ok;
}

static inline int is_ideograph(uint16_t c) { return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x2e80 && c <= 0x2fdf); }
static inline int is_spacing(uint16_t c) { return c == 0x20 || c == 0xa0 || c == 0x3000; }
// Units that fold.ts cannot fold one for one (normalize() drops or expands them).
static inline int not_one_for_one(uint16_t c) {
  return c == 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c == 0xfeff || (c >= 0x2e80 && c <= 0x2fdf);
}

static inline uint16_t fold_unit(uint16_t c) {
  if (c >= 0xff01 && c <= 0xff5e) return (uint16_t)(c - 0xfee0);
  return c == 0x3000 ? 0x20 : c;
}

static inline uint32_t slot(int32_t s, uint32_t c) {
  uint32_t x = ((uint32_t)s * 0x9e3779b1u) ^ (c * 0x85ebca6bu);
  return x ^ (x >> 16);
}

static napi_value create(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  Tables *t = calloc(1, sizeof(Tables));
  size_t n_class = 0, n_rows = 0, n_words = 0, n_ws = 0, n_wg = 0, n_fail = 0, n_os = 0, n_ks = 0;
  int32_t mask = 0;
  if (!t) goto fail;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1) goto fail;
  napi_value c = argv[0];
  t->unit_class = copy_array(env, c, "unitClass", napi_uint16_array, 2, &n_class);
  t->rows = copy_array(env, c, "rows", napi_int32_array, 4, &n_rows);
  t->fail = copy_array(env, c, "fail", napi_int32_array, 4, &n_fail);
  t->key_state = copy_array(env, c, "keyState", napi_int32_array, 4, &n_ks);
  t->key_unit = copy_array(env, c, "keyUnit", napi_uint16_array, 2, NULL);
  t->target = copy_array(env, c, "target", napi_int32_array, 4, NULL);
  t->out_start = copy_array(env, c, "outStart", napi_int32_array, 4, &n_os);
  t->out_list = copy_array(env, c, "outList", napi_int32_array, 4, NULL);
  t->lengths = copy_array(env, c, "lengths", napi_int32_array, 4, NULL);
  t->words = copy_array(env, c, "words", napi_uint16_array, 2, &n_words);
  size_t n_parent = 0, n_edge = 0;
  t->parent = copy_array(env, c, "parent", napi_int32_array, 4, &n_parent);
  t->edge_unit = copy_array(env, c, "edgeUnit", napi_uint16_array, 2, &n_edge);
  t->word_start = copy_array(env, c, "wordStart", napi_int32_array, 4, &n_ws);
  t->word_group = copy_array(env, c, "wordGroup", napi_uint8_array, 1, &n_wg);
  if (!t->unit_class || !t->rows || !t->fail || !t->key_state || !t->key_unit || !t->target || !t->out_start || !t->out_list || !t->lengths ||
      !t->words || !t->word_start || !t->word_group || !t->parent || !t->edge_unit || n_parent != n_fail || n_edge != n_fail)
    goto fail;
  t->states = (int32_t)n_fail;
  for (int32_t k = 1; k < t->states; k++)
    if (t->parent[k] < 0 || t->parent[k] >= k) goto fail;
  if (!get_int(env, c, "width", &t->width) || !get_int(env, c, "rowCount", &t->row_count) || !get_int(env, c, "mask", &mask)) goto fail;
  t->mask = (uint32_t)mask;
  // The shapes the scan relies on, checked once here rather than on every step.
  if (n_class != 65536 || t->width < 1 || t->row_count < 1 || (size_t)t->row_count * (size_t)t->width > n_rows || n_ks != (size_t)mask + 1 ||
      n_os != n_fail + 1 || n_ws < 1 || n_wg + 1 != n_ws || (size_t)t->word_start[n_wg] > n_words)
    goto fail;
  t->word_count = (int32_t)n_wg;
  t->first_group = calloc(65536, 1);
  t->first_word = malloc(65536 * sizeof(int32_t));
  t->next_word = malloc(((size_t)t->word_count + 1) * sizeof(int32_t));
  if (!t->first_group || !t->first_word || !t->next_word) goto fail;
  for (uint32_t u = 0; u < 65536; u++) t->first_word[u] = -1;
  // Linked from the last word back, so each unit's chain lists its words in order.
  for (int32_t k = t->word_count - 1; k >= 0; k--) {
    if (t->word_start[k + 1] <= t->word_start[k]) goto fail;
    uint16_t first = t->words[t->word_start[k]];
    t->first_group[first] |= t->word_group[k];
    t->next_word[k] = t->first_word[first];
    t->first_word[first] = k;
  }
  t->flags = calloc(65536, sizeof(uint16_t));
  t->fold_class = malloc(65536 * sizeof(uint16_t));
  t->lane = malloc(65536);
  if (!t->flags || !t->fold_class || !t->lane) goto fail;
  for (uint32_t c = 0; c < 65536; c++) {
    uint16_t f = 0;
    uint16_t folded = fold_unit((uint16_t)c);
    if (is_ideograph((uint16_t)c)) f |= F_IDEOGRAPH;
    if (is_spacing((uint16_t)c)) f |= F_SPACING;
    if (folded != c) f |= F_FOLDS;
    if (not_one_for_one((uint16_t)c)) f |= F_NOT_ONE_FOR_ONE;
    if (folded >= '0' && folded <= '9') f |= F_DIGIT;
    if (folded == '@') f |= F_AT;
    if (c == '\n') f |= F_NEWLINE;
    if (t->first_group[folded]) f |= F_WORD;
    if (c >= 0xd800 && c <= 0xdfff) f |= F_SURROGATE;
    t->fold_class[c] = t->unit_class[folded];
    t->lane[c] = f == F_IDEOGRAPH ? LANE_IDEOGRAPH : (f & ~F_FOLDS) == 0 ? LANE_QUIET : LANE_OTHER;
    t->flags[c] = f;
  }
  for (size_t k = 0; k + 1 < n_os; k++)
    if (t->out_start[k + 1] > t->out_start[k])
      for (int32_t j = t->out_start[k]; j < t->out_start[k + 1]; j++)
        if (t->lengths[t->out_list[j]] > t->max_len) t->max_len = t->lengths[t->out_list[j]];
  CHECK(napi_create_external(env, t, finalize, NULL, &result));
  return result;
fail:
  tables_free(t);
  napi_throw_error(env, NULL, "mishen_scan: bad tables");
  return NULL;
}

// Whether word k occurs at text[i..]: its units in order, with any spaces or tabs between
// two of them. The words come without spaces or tabs (scanner.ts), and the patterns allow
// at most a few there (marks may be letter-spaced: 绝 密), so this is a superset of every
// match, which is all a trigger needs to be.
static int word_at(const Tables *t, int32_t k, const uint16_t *text, size_t n, size_t i) {
  const uint16_t *w = t->words + t->word_start[k];
  int32_t len = t->word_start[k + 1] - t->word_start[k];
  // The text ahead is not folded yet: fold as it is read.
  if (fold_unit(text[i]) != w[0]) return 0;
  size_t p = i + 1;
  for (int32_t j = 1; j < len; j++) {
    while (p < n && (fold_unit(text[p]) == ' ' || text[p] == '\t')) p++;
    if (p >= n || fold_unit(text[p]) != w[j]) return 0;
    p++;
  }
  return 1;
}

typedef struct {
  Ints windows; // per window: block start, digest start, length
  int32_t open_start, open_end;
  int32_t digest_len;
} Group;

static int group_close(Group *g) {
  if (g->open_end <= g->open_start) return 1;
  int32_t len = g->open_end - g->open_start;
  // Windows are joined by U+001F and a line break (the digest reads as separate lines to
  // every detector: no digit joins across U+001F, and each window starts after a '\n').
  int32_t at = g->windows.n ? g->digest_len + 2 : 0;
  if (!ints_push(&g->windows, g->open_start) || !ints_push(&g->windows, at) || !ints_push(&g->windows, len)) return 0;
  g->digest_len = at + len;
  g->open_start = g->open_end = 0;
  return 1;
}

// The line [start, end) is of interest to the group: extend the open window, or open a
// new one. Two windows less than three units apart are one: a number joins digits across
// at most two spaces, hyphens or line breaks (numbers.ts), and such a gap could hold them.
static int group_add(Group *g, int32_t start, int32_t end) {
  if (g->open_end > g->open_start && start - g->open_end <= 2) {
    g->open_end = end;
    return 1;
  }
  if (!group_close(g)) return 0;
  g->open_start = start;
  g->open_end = end;
  return 1;
}

typedef struct {
  int32_t state;
  size_t at, from, to;
  Ints hits;
} Stream;

// A deep state's transition: its own from the hash table, else its failure state's.
static int32_t deep_step(const Tables *t, int32_t s, uint16_t c, uint16_t cls) {
  for (;;) {
    if (s < t->row_count) return t->rows[(size_t)s * t->width + cls];
    uint32_t h = slot(s, c) & t->mask;
    int32_t k = t->key_state[h];
    while (k != 0 && (k != s || t->key_unit[h] != c)) {
      h = (h + 1) & t->mask;
      k = t->key_state[h];
    }
    if (k != 0) return t->target[h];
    s = t->fail[s];
  }
}

// One unit of one part (aho.ts TermMatcher.scan over the folded text, step for step); 0
// when out of memory. The text is as stored: each unit is folded as it is read.
static inline int stream_step(const Tables *t, Stream *st, const uint16_t *text) {
  size_t i = st->at++;
  uint16_t c = text[i];
  uint16_t cls = t->fold_class[c];
  if (cls == 0) {
    // A unit that occurs in no term leads back to the root, and from there nowhere.
    st->state = 0;
    return 1;
  }
  int32_t s = st->state;
  int32_t v = s < t->row_count ? t->rows[(size_t)s * t->width + cls] : deep_step(t, s, fold_unit(c), cls);
  st->state = v & STATE_MASK;
  if (v < HAS_OUTPUT || i < st->from) return 1;
  s = st->state;
  for (int32_t k = t->out_start[s]; k < t->out_start[s + 1]; k++) {
    int32_t id = t->out_list[k];
    if (!ints_push(&st->hits, id) || !ints_push(&st->hits, (int32_t)(i + 1) - t->lengths[id]) || !ints_push(&st->hits, (int32_t)i + 1)) return 0;
  }
  return 1;
}

// Whether the block holds folded unit u: as itself or as a form that folds to it (fold_unit).
static inline int present_folded(const uint8_t *present, uint16_t u) {
  return present[u] || (u >= 0x21 && u <= 0x7e && present[u + 0xfee0]) || (u == 0x20 && present[0x3000]);
}

static napi_value scan(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], result = NULL, null_value;
  Tables *t;
  // The block's units as stored; `copy` holds them when the block came as a string.
  const uint16_t *text = NULL;
  uint16_t *copy = NULL;
  size_t n = 0;
  Ints hits = {0};
  uint8_t *present = NULL;
  Group groups[GROUPS];
  memset(groups, 0, sizeof groups);
  napi_get_null(env, &null_value);
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) goto fail;
  CHECK(napi_get_value_external(env, argv[0], (void **)&t));
  // The block as a string (the calling thread: copied out of it) or as UTF-16 units in
  // shared memory (a pool thread: read where they are, never decoded into a string).
  // Nothing is folded in place: each unit is folded as it is read.
  bool is_array = false;
  // The units as stored, for the digests' original text (shared units only).
  const uint16_t *original = NULL;
  CHECK(napi_is_typedarray(env, argv[1], &is_array));
  if (is_array) {
    napi_typedarray_type type;
    void *data;
    CHECK(napi_get_typedarray_info(env, argv[1], &type, &n, &data, NULL, NULL));
    if (type != napi_uint16_array) goto fail;
    original = text = data;
  } else {
    CHECK(napi_get_value_string_utf16(env, argv[1], NULL, 0, &n));
    copy = malloc((n + 1) * sizeof(uint16_t));
    if (!copy) goto fail;
    CHECK(napi_get_value_string_utf16(env, argv[1], (char16_t *)copy, n + 1, &n));
    text = copy;
  }

  // Pass 1, over the text as stored: leave to the JavaScript path what would move offsets,
  // note which units the folded block holds, and mark the lines of interest to each group.
  // Letter-spaced Chinese is an ideograph, spaces, an ideograph (normalize.ts SPACED_CJK),
  // as hasSpacedCjk sees it.
  const uint16_t *flags = t->flags;
  const uint8_t *lane = t->lane;
  // Which units the block holds: a term with a unit the block lacks cannot occur. One byte
  // per unit, not one bit: a plain store per character, where a bit set is a
  // read-modify-write that waits for the last one to the same word. Units are marked as
  // stored; their folded forms count through present_folded().
  present = calloc(65536, 1);
  if (!present) goto fail;
  int spaced = 0; // 0: nothing; 1: after an ideograph; 2: after an ideograph and spaces
  size_t line_start = 0;
  uint8_t line_groups = 0;
  size_t i = 0;
  while (i < n) {
    // Most of a Chinese text is ideographs that start no trigger word, and punctuation:
    // eight at a time, without a branch per unit (mispredicted branches cost more than the
    // work here). Eight that are not all such go through the unit loop below.
    while (i + 8 <= n) {
      int quiet = 1;
      for (int j = 0; j < 8; j++) {
        uint16_t c = text[i + j];
        quiet &= lane[c] != LANE_OTHER;
        present[c] = 1;
      }
      if (!quiet) break;
      // Letter-spacing can only be met at the first unit (nothing here is a space); after
      // the eight, what counts is whether the last is an ideograph.
      if (spaced == 2 && lane[text[i]] == LANE_IDEOGRAPH) goto fallback;
      spaced = lane[text[i + 7]] == LANE_IDEOGRAPH;
      i += 8;
    }
    size_t stop = i + 8 < n ? i + 8 : n;
    for (; i < stop; i++) {
      uint16_t c = text[i];
      uint16_t f = flags[c];
      if (f == F_IDEOGRAPH) {
        present[c] = 1;
        if (spaced == 2) goto fallback;
        spaced = 1;
        continue;
      }
      if (f & F_NOT_ONE_FOR_ONE) goto fallback;
      if (f & F_IDEOGRAPH) {
        if (spaced == 2) goto fallback;
        spaced = 1;
      } else if (f & F_SPACING) {
        if (spaced) spaced = 2;
      } else {
        spaced = 0;
      }
      if (f & F_SURROGATE) {
        // A pair is two units of one character; a lone surrogate is text the caller must
        // repair (segments.ts) before anything is scanned.
        if (c >= 0xdc00 || i + 1 >= n || text[i + 1] < 0xdc00 || text[i + 1] > 0xdfff) goto ill_formed;
        present[c] = 1;
        present[text[++i]] = 1;
        if (i + 1 > stop) stop = i + 1;
        continue;
      }
      if (!f) {
        present[c] = 1;
        continue;
      }
      if (f & F_WORD) {
        uint16_t first = fold_unit(c);
        if (t->first_group[first] & ~line_groups)
          for (int32_t k = t->first_word[first]; k >= 0; k = t->next_word[k])
            if ((t->word_group[k] & ~line_groups) && word_at(t, k, text, n, i)) line_groups |= t->word_group[k];
      }
      present[c] = 1;
      if (f & F_DIGIT) line_groups |= G_DIGIT;
      if (f & F_AT) line_groups |= G_AT;
      if (f & F_NEWLINE) {
        if (line_groups)
          for (int g = 0; g < GROUPS; g++)
            if ((line_groups & (1 << g)) && !group_add(&groups[g], (int32_t)line_start, (int32_t)i + 1)) goto fail;
        line_start = i + 1;
        line_groups = 0;
      }
    }
  }
  for (int g = 0; g < GROUPS; g++) {
    if ((line_groups & (1 << g)) && n > line_start && !group_add(&groups[g], (int32_t)line_start, (int32_t)n)) goto fail;
    if (!group_close(&groups[g])) goto fail;
  }

  // Pass 2: the term automaton over the folded text, in STREAMS interleaved parts. One
  // automaton step waits for the one before (a read that depends on the last state); parts
  // walked side by side keep the core busy. The state at any unit depends only on the
  // max_len units up to it, so a part starts max_len - 1 units early from the root, and
  // reports only the terms that end inside it: the same hits, in the same order.
  // A state is live when every unit on the path to it is in the block; with no live state
  // that ends a term, the automaton would report nothing here, so it is not run. (Lists
  // whose terms share a character the text lacks, as a list of 项目名称 清单 may, are
  // skipped this way block by block, as ripgrep skips on a rare byte.)
  int any_live = 0;
  if (t->max_len > 0) {
    uint8_t *live = malloc((size_t)t->states);
    if (!live) goto fail;
    live[0] = 1;
    for (int32_t k = 1; k < t->states && !any_live; k++) {
      uint16_t u = t->edge_unit[k];
      live[k] = live[t->parent[k]] && present_folded(present, u);
      if (live[k] && t->out_start[k + 1] > t->out_start[k]) any_live = 1;
    }
    free(live);
  }
  if (any_live) {
    size_t part = (n + STREAMS - 1) / STREAMS;
    if (part < (size_t)t->max_len * 64) part = n; // short text: one part
    Stream st[STREAMS];
    int parts = 0;
    for (size_t from = 0; from < n && parts < STREAMS; from += part, parts++) {
      size_t warm = from >= (size_t)t->max_len - 1 ? from - ((size_t)t->max_len - 1) : 0;
      st[parts] = (Stream){.state = 0, .at = warm, .from = from, .to = from + part < n ? from + part : n, .hits = {0}};
    }
    // All parts but the last have the same length; the last may be shorter: walk side by
    // side while every part has units left, then each part to its end.
    size_t common = (size_t)-1;
    for (int k = 0; k < parts; k++)
      if (st[k].to - st[k].at < common) common = st[k].to - st[k].at;
    if (parts == STREAMS) {
      for (size_t j = 0; j < common; j++) {
        int ok = 1;
        for (int k = 0; k < STREAMS; k++) ok &= stream_step(t, &st[k], text);
        if (!ok) goto fail_streams;
      }
    }
    for (int k = 0; k < parts; k++)
      while (st[k].at < st[k].to)
        if (!stream_step(t, &st[k], text)) goto fail_streams;
    for (int k = 0; k < parts; k++) {
      for (size_t j = 0; j < st[k].hits.n; j++)
        if (!ints_push(&hits, st[k].hits.v[j])) goto fail_streams;
      free(st[k].hits.v);
      st[k].hits.v = NULL;
    }
    goto streams_done;
  fail_streams:
    for (int k = 0; k < parts; k++) free(st[k].hits.v);
    goto fail;
  }
streams_done:;

  // The result: { hits: Int32Array of (term, start, end), digests: string[], windows: Int32Array[] }.
  napi_value obj, arr, buf, digests, windows;
  void *data;
  CHECK(napi_create_object(env, &obj));
  CHECK(napi_create_arraybuffer(env, hits.n * 4, &data, &buf));
  if (hits.n) memcpy(data, hits.v, hits.n * 4);
  CHECK(napi_create_typedarray(env, napi_int32_array, hits.n, buf, 0, &arr));
  CHECK(napi_set_named_property(env, obj, "hits", arr));
  CHECK(napi_create_array_with_length(env, GROUPS, &digests));
  CHECK(napi_create_array_with_length(env, GROUPS, &windows));
  // For shared units, the same lines as stored too: a pool thread takes a finding's text
  // from there instead of decoding it from the shared copy.
  napi_value originals = NULL;
  if (original) CHECK(napi_create_array_with_length(env, GROUPS, &originals));
  for (int g = 0; g < GROUPS; g++) {
    Group *gr = &groups[g];
    for (int view = 0; view < (original ? 2 : 1); view++) {
      const uint16_t *from_units = view ? original : text;
      uint16_t *d = malloc(((size_t)gr->digest_len + 1) * sizeof(uint16_t));
      if (!d) goto fail;
      for (size_t w = 0; w < gr->windows.n; w += 3) {
        int32_t from = gr->windows.v[w], at = gr->windows.v[w + 1], len = gr->windows.v[w + 2];
        if (w) d[at - 2] = 0x1f, d[at - 1] = '\n';
        if (view)
          memcpy(d + at, from_units + from, (size_t)len * sizeof(uint16_t));
        else
          for (int32_t j = 0; j < len; j++) d[at + j] = fold_unit(from_units[from + j]);
      }
      napi_value str;
      napi_status st = napi_create_string_utf16(env, (const char16_t *)d, (size_t)gr->digest_len, &str);
      free(d);
      CHECK(st);
      CHECK(napi_set_element(env, view ? originals : digests, (uint32_t)g, str));
    }
    CHECK(napi_create_arraybuffer(env, gr->windows.n * 4, &data, &buf));
    if (gr->windows.n) memcpy(data, gr->windows.v, gr->windows.n * 4);
    CHECK(napi_create_typedarray(env, napi_int32_array, gr->windows.n, buf, 0, &arr));
    CHECK(napi_set_element(env, windows, (uint32_t)g, arr));
  }
  CHECK(napi_set_named_property(env, obj, "digests", digests));
  if (originals) CHECK(napi_set_named_property(env, obj, "originals", originals));
  CHECK(napi_set_named_property(env, obj, "windows", windows));
  result = obj;
  goto done;
fallback:
  result = null_value;
  goto done;
ill_formed:
  napi_get_boolean(env, false, &result);
  goto done;
fail:
  result = NULL;
  {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (!pending) napi_throw_error(env, NULL, "mishen_scan: scan failed");
  }
done:
  free(copy);
  free(present);
  free(hits.v);
  for (int g = 0; g < GROUPS; g++) free(groups[g].windows.v);
  return result;
}

// write(text, units): the string's UTF-16 units into a Uint16Array of its length (the
// pool's shared copy of a text), without the encoder's per-character loop. Node-API
// always ends what it writes with a terminating unit, so it writes all but the last
// unit here and the caller sets that one (native.ts writeUnits).
static napi_value write_units(napi_env env, napi_callback_info info) {
  size_t argc = 2, n = 0, len = 0, copied = 0;
  napi_value argv[2];
  napi_typedarray_type type;
  void *data;
  bool is_array = false;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) goto fail;
  if (napi_get_value_string_utf16(env, argv[0], NULL, 0, &n) != napi_ok) goto fail;
  if (napi_is_typedarray(env, argv[1], &is_array) != napi_ok || !is_array) goto fail;
  if (napi_get_typedarray_info(env, argv[1], &type, &len, &data, NULL, NULL) != napi_ok || type != napi_uint16_array || len != n) goto fail;
  if (n == 0) return NULL;
  if (napi_get_value_string_utf16(env, argv[0], (char16_t *)data, n, &copied) != napi_ok || copied + 1 != n) goto fail;
  return NULL;
fail:
  napi_throw_error(env, NULL, "mishen_scan: write failed");
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "create", NAPI_AUTO_LENGTH, create, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "create", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "scan", NAPI_AUTO_LENGTH, scan, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "scan", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "write", NAPI_AUTO_LENGTH, write_units, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "write", fn) != napi_ok) return NULL;
  return exports;
}
