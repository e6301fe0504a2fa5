// The native pass's tables (see scan.c): the term automaton as aho.ts built it, copied
// in, and what the pass adds once per rules and list — the flags of every UTF-16 unit and
// the trigger words indexed by their first unit.

#include "mishen_scan.h"

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

napi_value create(napi_env env, napi_callback_info info) {
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
