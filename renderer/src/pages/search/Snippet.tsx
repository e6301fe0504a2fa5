import { Mark, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A search snippet with the match marked. The main process marks matches with 【】; a
 * snippet without marks (short queries read from titles and numbers) has the query's
 * own occurrences marked here.
 */
export function Snippet({ text, query }: { text: string; query: string }) {
  const parts: ReactNode[] = [];
  if (text.includes('【') && text.includes('】')) {
    const re = /【([^】]*)】/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      parts.push(text.slice(last, m.index));
      parts.push(<Mark key={m.index}>{m[1]}</Mark>);
      last = m.index + m[0].length;
    }
    parts.push(text.slice(last));
  } else {
    const q = query.normalize('NFKC').trim();
    let last = 0;
    for (let at = q ? text.indexOf(q) : -1; at >= 0; at = text.indexOf(q, at + q.length)) {
      parts.push(text.slice(last, at));
      parts.push(<Mark key={at}>{q}</Mark>);
      last = at + q.length;
    }
    parts.push(text.slice(last));
  }
  return (
    <Text size="sm" data-testid="snippet">
      {parts}
    </Text>
  );
}
