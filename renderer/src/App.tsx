import { Center, Loader, Alert, Container } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, SessionInfo, SetupResult } from '../../shared/types';
import { api, call, messageOf } from './api';
import { Frame } from './components/Frame';
import { useActivity } from './components/useActivity';
import { ChangePasswordPage } from './pages/ChangePassword';
import { LockScreen } from './pages/LockScreen';
import { LoginPage } from './pages/Login';
import { SetupDone, SetupWizard } from './pages/Setup';
import { dropCache } from './query';
import { dropAllDrafts } from './drafts';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [setupResult, setSetupResult] = useState<SetupResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setInfo(await call(api().app.info()));
      setSession(await call(api().auth.session()));
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);

  useEffect(() => {
    void refresh();
    return api().on('session', (s) => {
      // What was read in a session that ended or locked is not kept.
      if (!s.user || s.locked) dropCache();
      if (!s.user) dropAllDrafts();
      setSession(s);
    });
  }, [refresh]);

  const active = !!session?.user && !session.locked;
  useActivity(active);

  if (error)
    return (
      <Container size="sm" py="xl">
        <Alert color="red" title="无法启动" role="alert">
          {error}
        </Alert>
      </Container>
    );
  if (!info || !session)
    return (
      <Center h="100vh">
        <Loader aria-label="正在加载" />
      </Center>
    );
  if (setupResult)
    return (
      <SetupDone
        result={setupResult}
        onContinue={() => {
          setSetupResult(null);
          void refresh();
        }}
      />
    );
  if (info.needsSetup) return <SetupWizard onDone={setSetupResult} />;
  if (!session.user) return <LoginPage onLogin={setSession} startupProblems={info.startupProblems ?? []} />;
  if (session.locked) return <LockScreen session={session} onUnlock={setSession} />;
  if (session.mustChangePassword)
    return <ChangePasswordPage forced session={session} onDone={setSession} />;
  return <Frame info={info} session={session} onSession={setSession} />;
}
