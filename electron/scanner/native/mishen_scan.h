// Shared by the native pass's two files: the tables built once per rules and list
// (tables.c) and read by every scan of a block (scan.c).
#ifndef MISHEN_SCAN_H
#define MISHEN_SCAN_H

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

static inline int ints_push(Ints *a, int32_t x) {
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

napi_value create(napi_env env, napi_callback_info info);

#endif
