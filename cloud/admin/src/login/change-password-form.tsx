import { changePasswordSchema, PASSWORD_MIN_LENGTH, type PasswordChangeReason } from '@manyi/shared';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/api-error';
import { api } from '../api/endpoints';
import { saveSession } from '../api/session';
import { schemaErrors } from '../common/form-errors';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const REASON_TEXT: Record<PasswordChangeReason, string> = {
  temporary: '您正在使用管理员发放的临时密码，请先设置自己的密码。',
  expired: '您的密码已过期，请设置新密码后继续使用。',
};

/**
 * 修改密码: current password and the new one twice. The rules are the shared schema's (the service
 * checks the same ones, and the last five passwords); its answers land on the fields. On success the
 * service ends every other session and answers with a fresh one, which replaces ours.
 */
export function ChangePasswordForm({
  username,
  reason,
  onDone,
}: {
  username: string;
  reason?: PasswordChangeReason | null;
  onDone?: () => void;
}) {
  const [form] = Form.useForm<ChangePasswordValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: ChangePasswordValues) => {
    setProblem(null);
    const parsed = changePasswordSchema(username).safeParse({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    const errors = parsed.success ? [] : schemaErrors<keyof ChangePasswordValues>(parsed.error.issues);
    if (values.confirmPassword !== values.newPassword) errors.push({ name: 'confirmPassword', errors: ['两次输入的新密码不一致'] });
    if (!parsed.success || errors.length > 0) {
      form.setFields(errors);
      return;
    }
    setSubmitting(true);
    try {
      const session = await api.changePassword(parsed.data);
      saveSession(session.token, session.user, session.passwordChange);
      form.resetFields();
      onDone?.();
    } catch (error) {
      const details = isApiError(error) && Array.isArray(error.details) ? (error.details as Array<{ path?: string; message: string }>) : [];
      if (details.length > 0)
        form.setFields(schemaErrors<keyof ChangePasswordValues>(details.map((d) => ({ path: [d.path ?? ''], message: d.message }))));
      else setProblem(isApiError(error) ? error.message : '修改失败，请稍后重试');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      {reason && <Alert className="login-alert" type="warning" showIcon title={REASON_TEXT[reason]} />}
      {problem && <Alert role="alert" className="login-alert" type="error" showIcon title={problem} />}
      <Form<ChangePasswordValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
        disabled={submitting}
      >
        <Form.Item label="当前密码" name="currentPassword">
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra={`至少 ${PASSWORD_MIN_LENGTH} 位，含小写字母、大写字母、数字、符号中的至少三类，不含用户名，不能与最近 5 个密码相同`}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="再次输入新密码" name="confirmPassword">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          修改密码
        </Button>
      </Form>
    </>
  );
}
