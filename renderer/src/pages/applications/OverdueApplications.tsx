import { Alert, Anchor } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useOp } from '../../query';

// For the desk: how many applications are past their reply limit, with the way to them.
// Shows nothing when none is (or when the user may not see applications).

export function OverdueApplications() {
  const navigate = useNavigate();
  const q = useOp('applications', 'page', { overdue: true, page: 1, pageSize: 1 }, { retry: false });
  const n = q.data?.total ?? 0;
  if (!n) return null;
  return (
    <Alert color="red" variant="light" data-testid="overdue-applications">
      {n} 件政府信息公开申请已超过答复期限。
      <Anchor component="button" ml="xs" onClick={() => navigate('/applications?overdue=1')}>
        查看
      </Anchor>
    </Alert>
  );
}
