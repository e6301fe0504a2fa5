import { Alert, List } from '@mantine/core';

/** What the main process says once at login: integrity problems, recoveries, backups due. */
export function Notices({ notices }: { notices: string[] }) {
  if (!notices.length) return null;
  return (
    <Alert color="orange" title="请注意" mb="md" data-testid="notices">
      <List size="sm">
        {notices.map((n) => (
          <List.Item key={n}>{n}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
