import { Button, Kbd, Popover, Table } from '@mantine/core';
import { useNavigate } from 'react-router';
import { api, call } from '../../api';
import { nextInList, SHORTCUT_HELP, useShortcuts } from '../../shortcuts';

// The item page's own shortcuts (? for help, ] for the next item) and the 快捷键 button
// that lists them all. The findings' shortcuts live with the findings (DocumentFindings).

/** The next item to work on: the next row of the list the person came from, else of the inbox. */
async function nextItem(itemId: string): Promise<string | null> {
  const listed = nextInList(itemId);
  if (listed) return listed;
  const inbox = await call(api().items.page({ view: 'inbox', page: 1, pageSize: 200, sort: 'createdAt', dir: 'desc' }));
  const ids = inbox.rows.map((r) => r.id);
  const at = ids.indexOf(itemId);
  return at >= 0 ? (ids[at + 1] ?? null) : (ids.find((id) => id !== itemId) ?? null);
}

export function ShortcutHelp({ itemId, open, onOpen, onMessage }: { itemId: string; open: boolean; onOpen: (open: boolean) => void; onMessage: (m: string) => void }) {
  const navigate = useNavigate();
  useShortcuts({
    '?': () => onOpen(!open),
    ']': () =>
      void nextItem(itemId).then(
        (id) => (id ? navigate(`/items/${id}`) : onMessage('待办中没有下一事项')),
        () => onMessage('无法读取待办事项'),
      ),
    Escape: open ? () => onOpen(false) : undefined,
  });
  return (
    <Popover opened={open} onChange={onOpen} position="bottom-end" withArrow shadow="md" trapFocus={false}>
      <Popover.Target>
        <Button variant="default" onClick={() => onOpen(!open)} aria-expanded={open} aria-keyshortcuts="?">
          快捷键
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="shortcut-help" aria-label="快捷键">
        <Table withRowBorders={false} fz="sm">
          <Table.Tbody>
            {SHORTCUT_HELP.map(([keys, what]) => (
              <Table.Tr key={keys}>
                <Table.Td>
                  {keys.split(' 或 ').map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' 或 '}
                      <Kbd>{k}</Kbd>
                    </span>
                  ))}
                </Table.Td>
                <Table.Td>{what}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td colSpan={2}>在输入框中打字时快捷键不起作用；按 Tab 键可以依次到达页面上的每个操作。</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Popover.Dropdown>
    </Popover>
  );
}
