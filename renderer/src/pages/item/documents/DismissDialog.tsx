import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FINDING_LABELS, type FindingView } from '../../../../../shared/documents';
import { lastDismissReason } from '../../../shortcuts';

// N on a finding: the reason for dismissing it, prefilled with the reason given last
// time (reviewers often dismiss a run of findings for the same reason). Enter submits.

export function DismissDialog({ finding, onCancel, onDismiss }: { finding: FindingView | null; onCancel: () => void; onDismiss: (reason: string) => void }) {
  return (
    <Modal opened={finding !== null} onClose={onCancel} title="排除发现" centered>
      {finding && <Form key={finding.id} finding={finding} onCancel={onCancel} onDismiss={onDismiss} />}
    </Modal>
  );
}

function Form({ finding, onCancel, onDismiss }: { finding: FindingView; onCancel: () => void; onDismiss: (reason: string) => void }) {
  const [reason, setReason] = useState(lastDismissReason());
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) setError('排除一处发现须说明理由');
        else onDismiss(reason.trim());
      }}
    >
      <Stack gap="xs">
        <Text size="sm">
          {FINDING_LABELS[finding.kind]}：<mark>{finding.text}</mark>（{finding.location}）
        </Text>
        <TextInput label="排除理由" data-autofocus value={reason} error={error} onChange={(e) => setReason(e.currentTarget.value)} onFocus={(e) => e.currentTarget.select()} />
        <Group justify="flex-end">
          <Button variant="subtle" color="gray" onClick={onCancel}>
            取消
          </Button>
          <Button type="submit" color="gray">
            排除
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
