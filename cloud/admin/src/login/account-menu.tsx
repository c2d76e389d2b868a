import { KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import { totpDisableSchema, totpEnableSchema, type StaffRole, type TotpSetupView, type TotpStatusView } from '@manyi/shared';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../api/api-error';
import { api } from '../api/endpoints';
import { schemaErrors } from '../common/form-errors';
import { ChangePasswordForm } from './change-password-form';

/** The header's own-account entries: 修改密码 for everyone, 动态验证码 for the district-wide roles. */
export function AccountMenu({ username, role }: { username: string; role: StaffRole }) {
  const [open, setOpen] = useState<'password' | 'totp' | null>(null);
  return (
    <>
      <Button icon={<KeyOutlined />} onClick={() => setOpen('password')}>
        修改密码
      </Button>
      {(role === 'admin' || role === 'supervisor') && (
        <Button icon={<SafetyOutlined />} onClick={() => setOpen('totp')}>
          动态验证码
        </Button>
      )}
      <Modal title="修改密码" open={open === 'password'} onCancel={() => setOpen(null)} footer={null} destroyOnHidden>
        <ChangePasswordForm username={username} onDone={() => setOpen(null)} />
      </Modal>
      <Modal title="动态验证码（两步验证）" open={open === 'totp'} onCancel={() => setOpen(null)} footer={null} destroyOnHidden>
        <TotpSettings />
      </Modal>
    </>
  );
}

/**
 * 动态验证码: generate a secret (the otpauth URI and the secret as text, for any authenticator app),
 * confirm it with a code, and from then on the login asks for a code; turning it off takes the
 * password and a code.
 */
export function TotpSettings() {
  const [status, setStatus] = useState<TotpStatusView | null>(null);
  const [setup, setSetup] = useState<TotpSetupView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ code: string; password?: string }>();

  useEffect(() => {
    api
      .totpStatus()
      .then(setStatus)
      .catch((error: unknown) => setProblem(errorMessage(error)));
  }, []);

  const failed = (error: unknown) => {
    const details = isApiError(error) && Array.isArray(error.details) ? (error.details as Array<{ path?: string; message: string }>) : [];
    if (details.length > 0)
      form.setFields(schemaErrors<'code' | 'password'>(details.map((d) => ({ path: [d.path ?? ''], message: d.message }))));
    else setProblem(errorMessage(error));
  };

  const enable = async (values: { code: string }) => {
    const parsed = totpEnableSchema.safeParse({ code: values.code ?? '' });
    if (!parsed.success) return form.setFields(schemaErrors<'code' | 'password'>(parsed.error.issues));
    try {
      setStatus(await api.totpEnable(parsed.data));
      setSetup(null);
      form.resetFields();
    } catch (error) {
      failed(error);
    }
  };

  const disable = async (values: { code: string; password?: string }) => {
    const parsed = totpDisableSchema.safeParse({ password: values.password ?? '', code: values.code ?? '' });
    if (!parsed.success) return form.setFields(schemaErrors<'code' | 'password'>(parsed.error.issues));
    try {
      setStatus(await api.totpDisable(parsed.data));
      form.resetFields();
    } catch (error) {
      failed(error);
    }
  };

  if (!status) return problem ? <Alert type="error" title={problem} /> : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {problem && <Alert role="alert" type="error" showIcon title={problem} />}
      {status.enabled ? (
        <>
          <Alert type="success" showIcon title="已开启：登录时需要输入身份验证器中的动态验证码" />
          <Form form={form} layout="vertical" onFinish={(values) => void disable(values)} requiredMark={false}>
            <Form.Item label="密码" name="password">
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item label="动态验证码" name="code">
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
            </Form.Item>
            <Button danger htmlType="submit">
              关闭动态验证码
            </Button>
          </Form>
        </>
      ) : setup ? (
        <>
          <Typography.Paragraph>在身份验证器（如腾讯身份验证器、Google Authenticator）中添加账号，手动输入以下密钥：</Typography.Paragraph>
          <Typography.Paragraph copyable code data-testid="totp-secret">
            {setup.secret}
          </Typography.Paragraph>
          <Typography.Paragraph copyable type="secondary" data-testid="totp-uri">
            {setup.otpauthUri}
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(values) => void enable(values)} requiredMark={false}>
            <Form.Item label="动态验证码" name="code">
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              开启
            </Button>
          </Form>
        </>
      ) : (
        <Button
          type="primary"
          onClick={() =>
            void api
              .totpSetup()
              .then(setSetup)
              .catch((error: unknown) => setProblem(errorMessage(error)))
          }
        >
          生成密钥
        </Button>
      )}
    </Space>
  );
}
