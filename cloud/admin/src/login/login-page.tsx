import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { staffLoginSchema } from '@manyi/shared';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/api-error';
import { api } from '../api/endpoints';
import { saveSession } from '../api/session';
import { schemaErrors } from '../common/form-errors';

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

interface Problem {
  type: 'error' | 'warning';
  title: string;
  description?: string;
}

/** 工作人员登录: username and password; the token lives in sessionStorage until the tab closes or it expires. */
export function LoginPage() {
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // Shown once the service says the account has a second factor (TOTP_REQUIRED).
  const [askTotp, setAskTotp] = useState(false);

  const submit = async (values: LoginForm) => {
    const parsed = staffLoginSchema.safeParse(values);
    if (!parsed.success) {
      form.setFields(schemaErrors<keyof LoginForm>(parsed.error.issues));
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      const session = await api.login(parsed.data);
      saveSession(session.token, session.user, session.passwordChange);
    } catch (error) {
      if (isApiError(error, 'TOTP_REQUIRED')) {
        // The password was right: keep it, ask for the code.
        setAskTotp(true);
        setProblem({ type: 'warning', title: error.message });
        return;
      }
      setProblem(loginProblem(error));
      form.setFieldValue('password', '');
      form.setFieldValue('totp', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main className="login-page">
      <Card className="login-card" variant="borderless">
        <Typography.Title level={3} className="login-title">
          满意 · 诉求工作台
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="login-subtitle">
          徐汇区街道、部门与督办工作人员登录
        </Typography.Paragraph>
        {problem && (
          <Alert
            role="alert"
            className="login-alert"
            type={problem.type}
            showIcon
            title={problem.title}
            description={problem.description}
          />
        )}
        <Form<LoginForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
          disabled={submitting}
        >
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="例如 dispatcher.xietu" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {askTotp && (
            <Form.Item label="动态验证码" name="totp" rules={[{ required: true, message: '请填写动态验证码' }]}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} placeholder="身份验证器中的 6 位数字" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}

function loginProblem(error: unknown): Problem {
  // Too many failures of this username from here: the service says how long to wait.
  if (isApiError(error, 'LOGIN_THROTTLED')) return { type: 'warning', title: '登录失败次数过多', description: error.message };
  if (isApiError(error)) return { type: 'error', title: error.message };
  return { type: 'error', title: '登录失败，请稍后重试' };
}
