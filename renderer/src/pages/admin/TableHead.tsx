import { Table } from '@mantine/core';

/** A table's header row from its column titles; an empty title leaves a column for row buttons. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) => (
          <Table.Th key={`${i}:${c}`}>{c}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
