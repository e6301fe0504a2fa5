import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

/** The header's one search box: Enter opens /search?q=…; on the results page it shows the query searched. */
export function SearchBox() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const shown = pathname === '/search' ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  return (
    <TextInput
      aria-label="搜索事项"
      placeholder="搜索信息名称、文号、关键词、文件内容"
      w={300}
      size="xs"
      maxLength={100}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onKeyDown={(e) => {
        const q = text.trim();
        if (e.key === 'Enter' && q) navigate(`/search?${new URLSearchParams({ q }).toString()}`);
      }}
    />
  );
}
