import { RE2JS } from 're2js';

// Patterns written by the 安全保密管理员 (negative list, basis library) run on RE2 semantics:
// matching time is linear in the text, so a pattern like (a+)+$ cannot freeze an analysis.
// Backreferences and lookaround are not supported by RE2 and are refused when saved.

export type PatternCheck = { ok: true } | { ok: false; message: string };

const MAX_PATTERN_CHARS = 1_000;

export function compileRe2(p: string): RE2JS {
  return RE2JS.compile(p);
}

/** Whether a pattern can be saved; the message is shown to the 安全保密管理员. */
export function compilePattern(p: string): PatternCheck {
  if (!p.trim()) return { ok: false, message: '规则表达式不能为空' };
  if (p.length > MAX_PATTERN_CHARS) return { ok: false, message: `规则表达式过长（不得超过 ${MAX_PATTERN_CHARS} 个字符）` };
  try {
    compileRe2(p);
    return { ok: true };
  } catch {
    return { ok: false, message: '规则表达式无法使用：不支持反向引用、前后断言等写法，或表达式有语法错误，请改写后再保存' };
  }
}

/** Every non-empty match as UTF-16 offsets into `text`. */
export function* re2Matches(re: RE2JS, text: string): Generator<[number, number]> {
  const m = re.matcher(text);
  while (m.find()) {
    const s = m.start();
    const e = m.end();
    if (e > s) yield [s, e];
  }
}
