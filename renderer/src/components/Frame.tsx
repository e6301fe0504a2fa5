import type React from 'react';
import { AppShell, Badge, Button, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { mayCall } from '../../../shared/access';
import { contract } from '../../../shared/contract';
import type { Access } from '../../../shared/define';
import { ROLE_LABELS } from '../../../shared/roles';
import type { AppInfo, SessionInfo, SessionUser } from '../../../shared/types';
import { api } from '../api';
import { AboutPage } from '../pages/About';
import { AuditPage } from '../pages/Audit';
import { BasesPage } from '../pages/Bases';
import { CalendarPage } from '../pages/calendar/CalendarPage';
import { CataloguePage } from '../pages/Catalogue';
import { ChangePasswordPage } from '../pages/ChangePassword';
import { HomePage } from '../pages/Home';
import { ItemsList } from '../pages/lists/ItemsList';
import { SearchBox } from '../pages/search/SearchBox';
import { SearchPage } from '../pages/search/SearchPage';
import { ItemPage } from '../pages/item/ItemPage';
import { PolicyPage } from '../pages/Policy';
import { KeyRotationPage } from '../pages/admin/KeyRotation';
import { ProfilesPage } from '../pages/profiles/ProfilesPage';
import { PublicationPage } from '../pages/Publication';
import { ApplicationRoute, ApplicationsRoute, ReportRoute } from '../pages/applications/routes';
import { RegisterPage } from '../pages/Register';
import { UsersPage } from '../pages/Users';
import { Notices } from './Notices';

/** A page is listed only when the user may call the operation it is for. */
const NAV: Array<{ path: string; label: string; access?: Access }> = [
  { path: '/home', label: '工作台' },
  { path: '/inbox', label: '待办事项', access: contract.items.list.access },
  { path: '/publication', label: '发布', access: contract.publication.queue.access },
  { path: '/applications', label: '依申请公开', access: contract.applications.page.access },
  { path: '/catalogue', label: '公开目录', access: contract.catalogue.list.access },
  { path: '/profiles', label: '审查流程', access: contract.profiles.activate.access },
  { path: '/bases', label: '审查依据', access: contract.bases.list.access },
  { path: '/calendar', label: '工作日历', access: contract.calendar.import.access },
  { path: '/users', label: '用户管理', access: contract.users.create.access },
  { path: '/policy', label: '安全策略', access: contract.policy.update.access },
  { path: '/keys', label: '数据密钥', access: contract.keys.rotate.access },
  { path: '/audit', label: '审计日志', access: contract.audit.list.access },
  { path: '/password', label: '修改密码' },
  { path: '/about', label: '关于' },
];

function ItemRoute({ user }: { user: SessionUser }) {
  const { id } = useParams();
  const navigate = useNavigate();
  return <ItemPage key={id} itemId={id!} user={user} onBack={() => (window.history.length > 1 ? navigate(-1) : navigate('/inbox'))} />;
}

function NotFound() {
  const navigate = useNavigate();
  return (
    <Stack>
      <Title order={3}>找不到该页面</Title>
      <Text c="dimmed">地址有误，或该页面已不存在。</Text>
      <Button w="fit-content" onClick={() => navigate('/')}>
        返回首页
      </Button>
    </Stack>
  );
}

/** A page the user may not use is not shown: the address falls back to their start page. */
function guarded(path: string, element: React.ReactElement, may: (a: Access) => boolean): React.ReactElement {
  const access = NAV.find((n) => n.path === path)?.access;
  return !access || may(access) ? element : <Navigate to="/" replace />;
}

export function Frame({ info, session, onSession }: { info: AppInfo; session: SessionInfo; onSession: (s: SessionInfo) => void }) {
  const user = session.user!;
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const may = (a: Access) => mayCall(a, user.roles);
  const business = may(contract.items.list.access);
  const items = NAV.filter((n) => !n.access || may(n.access));
  const active = (path: string) =>
    pathname === path || (path === '/inbox' && (pathname.startsWith('/items/') || pathname === '/register')) || (path === '/applications' && pathname.startsWith('/applications/'));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={3}>密审台</Title>
            <Text c="gray.7" data-testid="org-name">
              {session.organization?.name}
            </Text>
          </Group>
          {business && <SearchBox />}
          <Group gap="sm">
            <Text data-testid="current-user">{user.displayName}</Text>
            {user.roles.map((r) => (
              <Badge key={r} variant="light">
                {ROLE_LABELS[r]}
              </Badge>
            ))}
            <Button variant="subtle" size="xs" onClick={() => void api().auth.lock()}>
              锁定
            </Button>
            <Button variant="subtle" size="xs" onClick={() => void api().auth.logout()}>
              退出登录
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="导航">
        <ScrollArea>
          {items.map((n) => (
            <NavLink key={n.path} component="button" label={n.label} active={active(n.path)} onClick={() => navigate(n.path)} />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Notices notices={session.notices} />
        <Routes>
          <Route path="/" element={<Navigate to={business ? '/inbox' : '/home'} replace />} />
          <Route path="/home" element={<HomePage session={session} />} />
          <Route
            path="/inbox"
            element={guarded(
              '/inbox',
              <ItemsList roles={user.roles} onOpen={(id) => navigate(`/items/${id}`)} onRegister={() => navigate('/register')} canRegister={may(contract.items.register.access)} />,
              may,
            )}
          />
          <Route
            path="/register"
            element={may(contract.items.register.access) ? <RegisterPage department={user.department} onDone={(id) => navigate(`/items/${id}`, { replace: true })} /> : <Navigate to="/" replace />}
          />
          <Route path="/search" element={guarded('/inbox', <SearchPage onOpen={(id) => navigate(`/items/${id}`)} />, may)} />
          <Route path="/items/:id" element={guarded('/inbox', <ItemRoute user={user} />, may)} />
          <Route path="/publication" element={guarded('/publication', <PublicationPage />, may)} />
          <Route path="/applications" element={guarded('/applications', <ApplicationsRoute />, may)} />
          <Route path="/applications/report" element={guarded('/applications', <ReportRoute />, may)} />
          <Route path="/applications/:id" element={guarded('/applications', <ApplicationRoute />, may)} />
          <Route path="/catalogue" element={guarded('/catalogue', <CataloguePage />, may)} />
          <Route path="/profiles" element={guarded('/profiles', <ProfilesPage />, may)} />
          <Route path="/bases" element={guarded('/bases', <BasesPage editable={may(contract.bases.save.access)} />, may)} />
          <Route path="/calendar" element={guarded('/calendar', <CalendarPage canImport={may(contract.calendar.import.access)} />, may)} />
          <Route path="/users" element={guarded('/users', <UsersPage />, may)} />
          <Route path="/policy" element={guarded('/policy', <PolicyPage />, may)} />
          <Route path="/keys" element={guarded('/keys', <KeyRotationPage />, may)} />
          <Route path="/audit" element={guarded('/audit', <AuditPage />, may)} />
          <Route path="/password" element={<ChangePasswordPage session={session} onDone={onSession} />} />
          <Route path="/about" element={<AboutPage info={info} session={session} />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}
