import { SaveOutlined } from '@ant-design/icons';
import type { DeadlineSettingsView } from '@manyi/shared';
import { isApiError } from '@manyi/shared';
import { Alert, App, Button, Card, Form, InputNumber, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { manageApi } from '../../api/manage-endpoints';
import { fieldPathErrors } from '../../common/form-errors';
import { formatTime } from '../../inbox/due';
import { checkDeadlineForm, DEADLINE_GROUPS, valueAt, type DeadlineField } from './deadline-form';

const FORM_NAME = 'deadlines';

/**
 * 时限设置: the district's deadline rules, every field beside its default. A change applies to
 * deadlines set after it — a clock already running keeps the rule it started under — so the page says so.
 */
export function DeadlineSettingsPage() {
  const [loaded, setLoaded] = useState<{ view: DeadlineSettingsView | null; error?: unknown } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    manageApi
      .deadlineSettings(controller.signal)
      .then((view) => setLoaded({ view }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ view: null, error });
      });
    return () => controller.abort();
  }, [attempt]);

  if (!loaded) return <Skeleton active />;
  if (!loaded.view)
    return (
      <Result
        status="warning"
        title="时限设置加载失败"
        subTitle={errorMessage(loaded.error)}
        extra={<Button onClick={() => setAttempt((n) => n + 1)}>重试</Button>}
      />
    );
  return <DeadlineSettingsForm view={loaded.view} onSaved={(view) => setLoaded({ view })} />;
}

export function DeadlineSettingsForm({ view, onSaved }: { view: DeadlineSettingsView; onSaved: (view: DeadlineSettingsView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async () => {
    setFailure(null);
    const check = checkDeadlineForm(form.getFieldsValue(true));
    if (!check.ok) {
      form.setFields(check.errors);
      return;
    }
    setSaving(true);
    try {
      const saved = await manageApi.deadlineSettingsSave(check.body);
      form.setFieldsValue(saved.settings);
      onSaved(saved);
      void message.success('时限设置已保存，之后设定的期限按新规则计算');
    } catch (cause) {
      // The service's field errors land on their fields ("resolveWorkingDays.complex" → that input).
      if (isApiError(cause) && Array.isArray(cause.details)) form.setFields(fieldPathErrors(cause.details as never));
      setFailure(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  const field = (f: DeadlineField) => {
    const id = [FORM_NAME, ...f.name].join('_');
    return (
      <Form.Item key={id} label={f.label} htmlFor={id} required extra={f.hint}>
        <Space>
          <Form.Item name={f.name} noStyle>
            <InputNumber id={id} min={0} step={f.step} precision={f.step < 1 ? 1 : 0} suffix={f.unit} className="deadline-input" />
          </Form.Item>
          <Typography.Text type="secondary" data-testid={`default-${f.name.join('.')}`}>
            默认 {valueAt(view.defaults, f.name)}
          </Typography.Text>
        </Space>
      </Form.Item>
    );
  };

  return (
    <section aria-label="时限设置" className="deadline-settings">
      <div className="page-heading">
        <Typography.Title level={4}>时限设置</Typography.Title>
        <Typography.Text type="secondary" data-testid="deadline-updated">
          {view.updatedAt ? `最近修改：${view.updatedBy ?? '系统'} 于 ${formatTime(view.updatedAt)}` : '使用默认值'}
        </Typography.Text>
      </div>
      <Alert className="form-problem" type="info" showIcon title="修改只对之后设定的期限生效，已在计时的期限不变。" />
      {failure && <Alert className="form-problem" type="error" showIcon title={failure} />}
      <Form
        form={form}
        name={FORM_NAME}
        layout="horizontal"
        labelCol={{ flex: '140px' }}
        initialValues={view.settings}
        aria-label="时限设置表单"
        onFinish={() => void submit()}
      >
        <div className="deadline-groups">
          {DEADLINE_GROUPS.map((group) => (
            <Card key={group.title} size="small" title={group.title}>
              {group.fields.map(field)}
            </Card>
          ))}
        </div>
        <Space className="deadline-actions">
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
            保存
          </Button>
          <Button onClick={() => form.setFieldsValue(view.defaults)}>填入默认值</Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFailure(null);
            }}
          >
            撤销修改
          </Button>
        </Space>
      </Form>
    </section>
  );
}
