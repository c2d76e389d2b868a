import type { PasswordChangeReason } from '@manyi/shared';
import { Button, Card, Typography } from 'antd';
import { clearSession } from '../api/session';
import { ChangePasswordForm } from './change-password-form';

/** After signing in with a temporary or expired password: the change form, and nothing else. */
export function ForcedPasswordChange({ username, reason }: { username: string; reason: PasswordChangeReason }) {
  return (
    <main className="login-page">
      <Card className="login-card" variant="borderless">
        <Typography.Title level={3} className="login-title">
          修改密码
        </Typography.Title>
        <ChangePasswordForm username={username} reason={reason} />
        <Button type="link" block onClick={clearSession}>
          退出登录
        </Button>
      </Card>
    </main>
  );
}
