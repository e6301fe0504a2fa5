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
import { BasesPage } from '../pages/Bases';
import { CalendarPage } from '../pages/Calendar';
import { CataloguePage } from '../pages/Catalogue';
import { InboxPage } from '../pages/Inbox';
import { ItemPage } from '../pages/Item';
import { ProfilesPage } from '../pages/Profiles';
import { RegisterPage } from '../pages/Register';
import { ChangePasswordPage } from '../pages/ChangePassword';
import { HomePage } from '../pages/Home';
import { PolicyPage } from '../pages/Policy';
import { UsersPage } from '../pages/Users';

type PageId =
  | 'home'
  | 'inbox'
  | 'register'
  | 'item'
  | 'catalogue'
  | 'profiles'
  | 'bases'
  | 'calendar'
  | 'users'
  | 'policy'
  | 'audit'
  | 'password'
  | 'about';

/** A page is listed only when the user may call the operation it is for. */
const NAV: Array<{ id: PageId; label: string; access?: Access }> = [
  { id: 'home', label: '工作台' },
  { id: 'inbox', label: '待办事项', access: contract.items.list.access },
  { id: 'catalogue', label: '公开目录', access: contract.catalogue.list.access },
  { id: 'profiles', label: '审查流程', access: contract.profiles.activate.access },
  { id: 'bases', label: '审查依据', access: contract.bases.list.access },
  { id: 'calendar', label: '工作日历', access: contract.calendar.import.access },
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
  const user = session.user!;
  const business = mayCall(contract.items.list.access, user.roles);
  const [page, setPage] = useState<PageId>(business ? 'inbox' : 'home');
  const [itemId, setItemId] = useState<string | null>(null);
  const open = (id: string) => {
    setItemId(id);
    setPage('item');
  };
  const items = NAV.filter((n) => !n.access || mayCall(n.access, user.roles));

  let content: ReactNode;
  switch (page) {
    case 'inbox':
      content = <InboxPage onOpen={open} onRegister={() => setPage('register')} canRegister={mayCall(contract.items.register.access, user.roles)} />;
      break;
    case 'register':
      content = <RegisterPage department={user.department} onDone={open} />;
      break;
    case 'item':
      content = itemId ? <ItemPage key={itemId} itemId={itemId} user={user} onBack={() => setPage('inbox')} /> : null;
      break;
    case 'catalogue':
      content = <CataloguePage />;
      break;
    case 'profiles':
      content = <ProfilesPage />;
      break;
    case 'bases':
      content = <BasesPage editable={mayCall(contract.bases.save.access, user.roles)} />;
      break;
    case 'calendar':
      content = <CalendarPage canImport={mayCall(contract.calendar.import.access, user.roles)} />;
      break;
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
            <NavLink key={n.id} label={n.label} active={page === n.id || (n.id === 'inbox' && (page === 'item' || page === 'register'))} onClick={() => setPage(n.id)} />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>{content}</AppShell.Main>
    </AppShell>
  );
}
