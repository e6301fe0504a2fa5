import { Alert } from '@mantine/core';

/** One place for the red and green messages pages show after an action. */
export function Notice({ error, success }: { error?: string | null; success?: string | null }) {
  if (error)
    return (
      <Alert color="red" role="alert" data-testid="error">
        {error}
      </Alert>
    );
  if (success)
    return (
      <Alert color="green" role="status" data-testid="success">
        {success}
      </Alert>
    );
  return null;
}
