import { Button, Result, Spin } from 'antd';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { StaffActor } from '@manyi/shared';
import { errorMessage } from '../api/api-error';
import { api } from '../api/endpoints';
import { clearSession, onSessionChange, parseSession, sessionSnapshot } from '../api/session';
import { ForcedPasswordChange } from '../login/forced-password-change';
import { LoginPage } from '../login/login-page';
import { AdminShell } from './admin-shell';
import { DirectoryProvider } from './directory';
import { navigate, parseRoute, usePathname } from './router';

type WhoAmIState = { token: string; who: StaffActor } | { token: string; error: string };

/**
 * Signed out: the login form. Signed in: who the service says we are (GET /admin/whoami, so a role or
 * scope changed since login shows at once), then the shell with its role's menu.
 */
export function App() {
  const raw = useSyncExternalStore(onSessionChange, sessionSnapshot);
  const session = useMemo(() => parseSession(raw), [raw]);
  const route = parseRoute(usePathname());
  const [whoami, setWhoami] = useState<WhoAmIState | null>(null);
  const [attempt, setAttempt] = useState(0);
  const token = session?.token ?? null;

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    api
      .whoami(controller.signal)
      .then((who) => setWhoami({ token, who }))
      .catch((error: unknown) => {
        // A 401 has already ended the session (the request layer), which shows the login form.
        if (!controller.signal.aborted) setWhoami({ token, error: errorMessage(error) });
      });
    return () => controller.abort();
  }, [token, attempt]);

  // The address follows the session: the login form at /admin/login, the work where it was asked for.
  useEffect(() => {
    if (!token && route.name !== 'login') navigate({ name: 'login' }, { replace: true });
    if (token && route.name === 'login') navigate({ name: 'home' }, { replace: true });
  }, [token, route.name]);

  if (!session) return <LoginPage />;
  // A temporary or expired password: nothing else until it is changed (the service refuses the rest).
  if (session.passwordChange) return <ForcedPasswordChange username={session.user.username} reason={session.passwordChange} />;
  const current = whoami?.token === session.token ? whoami : null;
  if (!current)
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  if ('error' in current)
    return (
      <div className="page-center">
        <Result
          status="warning"
          title="无法获取登录信息"
          subTitle={current.error}
          extra={[
            <Button key="retry" type="primary" onClick={() => setAttempt((n) => n + 1)}>
              重试
            </Button>,
            <Button key="logout" onClick={clearSession}>
              重新登录
            </Button>,
          ]}
        />
      </div>
    );
  return (
    <DirectoryProvider>
      <AdminShell who={current.who} user={session.user} route={route} />
    </DirectoryProvider>
  );
}
