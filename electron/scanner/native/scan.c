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

#include "mishen_scan.h"

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
