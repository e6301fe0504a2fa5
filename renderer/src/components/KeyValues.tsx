import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** A two-column table of labelled values; rows whose value is empty are left out. */
export function KeyValues({ rows, maw }: { rows: Array<[string, ReactNode]>; maw?: number }) {
  return (
    <Table withTableBorder maw={maw}>
      <Table.Tbody>
        {rows
          .filter(([, v]) => v !== '' && v !== null && v !== undefined)
          .map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={180}>{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}
