import { Stack, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { mayCall } from '../../../shared/access';
import { contract } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/types';
import { BusinessDesk } from './home/BusinessDesk';
import { RoleCard } from './home/RoleCard';

/** 工作台: business staff see what waits for them and their figures; 三员 read no items, so theirs shows their duties. */
export function HomePage({ session }: { session: SessionInfo }) {
  const user = session.user!;
  const navigate = useNavigate();
  const business = mayCall(contract.items.stats.access, user.roles);
  return (
    <Stack>
      <Title order={3}>工作台</Title>
      <RoleCard user={user} />
      {business && <BusinessDesk onOpen={(id) => navigate(`/items/${id}`)} onList={(search) => navigate(`/inbox${search}`)} />}
    </Stack>
  );
}
