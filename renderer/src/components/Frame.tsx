import { AppShell, Badge, Button, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { contract } from '../../../shared/contract';
import type { Access } from '../../../shared/define';
import { ROLE_LABELS } from '../../../shared/roles';
import type { AppInfo, SessionInfo } from '../../../shared/types';
import { mayCall } from '../access';
import { api } from '../api';
import { AboutPage } from '../pages/About';
import { AuditPage } from '../pages/Audit';
import { ChangePasswordPage } from '../pages/ChangePassword';
import { HomePage } from '../pages/Home';
import { PolicyPage } from '../pages/Policy';
import { UsersPage } from '../pages/Users';

type PageId = 'home' | 'users' | 'policy' | 'audit' | 'password' | 'about';

/** A page is listed only when the user may call the operation it is for. */
const NAV: Array<{ id: PageId; label: string; access?: Access }> = [
  { id: 'home', label: '工作台' },
  { id: 'users', label: '用户管理', access: contract.users.create.access },
  { id: 'policy', label: '安全策略', access: contract.policy.update.access },
  { id: 'audit', label: '审计日志', access: contract.audit.list.access },
  { id: 'password', label: '修改密码' },
  { id: 'about', label: '关于' },
];

export function Frame({
  info,
  session,
  onSession,
}: {
  info: AppInfo;
  session: SessionInfo;
  onSession: (s: SessionInfo) => void;
}) {
  const [page, setPage] = useState<PageId>('home');
  const user = session.user!;
  const items = NAV.filter((n) => !n.access || mayCall(n.access, user.roles));

  let content: ReactNode;
  switch (page) {
    case 'users':
      content = <UsersPage />;
      break;
    case 'policy':
      content = <PolicyPage />;
      break;
    case 'audit':
      content = <AuditPage />;
      break;
    case 'password':
      content = <ChangePasswordPage session={session} onDone={onSession} />;
      break;
    case 'about':
      content = <AboutPage info={info} session={session} />;
      break;
    default:
      content = <HomePage session={session} />;
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={3}>密审台</Title>
            <Text c="dimmed" data-testid="org-name">
              {session.organization?.name}
            </Text>
          </Group>
          <Group gap="sm">
            <Text data-testid="current-user">{user.displayName}</Text>
            {user.roles.map((r) => (
              <Badge key={r} variant="light">
                {ROLE_LABELS[r]}
              </Badge>
            ))}
            <Button variant="subtle" size="xs" onClick={() => void api().auth.logout()}>
              退出登录
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="导航">
        <ScrollArea>
          {items.map((n) => (
            <NavLink key={n.id} label={n.label} active={page === n.id} onClick={() => setPage(n.id)} />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>{content}</AppShell.Main>
    </AppShell>
  );
}
