import type { ConcernDetailView, StaffConcernAction } from '@manyi/shared';
import { Button, Form, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { useDirectory } from '../app/directory';
import { schemaErrors } from '../common/form-errors';
import { ActionFields, initialValues } from './action-fields';
import { useConcernSubmit } from './use-concern-submit';
import { ACTION_BODY_SCHEMAS, actionLabel, actionTone, staffActions } from './action-schemas';

/**
 * 办理操作: exactly the actions the detail allows this user now, each a button opening a small form for
 * its body, checked with the shared schema before it is sent. After any answer the detail reloads.
 */
export function ActionBar({ detail, onChanged }: { detail: ConcernDetailView; onChanged: () => void }) {
  const actions = staffActions(detail.allowedActions);
  const [open, setOpen] = useState<StaffConcernAction | null>(null);
  if (actions.length === 0)
    return (
      <Typography.Text type="secondary" className="action-bar-empty">
        当前没有您可以执行的操作
      </Typography.Text>
    );
  return (
    <>
      <Space wrap className="action-bar" role="toolbar" aria-label="办理操作">
        {actions.map((action) => {
          const tone = actionTone(action);
          return (
            <Button
              key={action}
              type={tone === 'primary' ? 'primary' : 'default'}
              danger={tone === 'danger'}
              data-action={action}
              onClick={() => setOpen(action)}
            >
              {actionLabel(action, detail.status)}
            </Button>
          );
        })}
      </Space>
      {open && (
        <ActionModal
          key={open}
          action={open}
          detail={detail}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}

function ActionModal({
  action,
  detail,
  onClose,
  onDone,
}: {
  action: StaffConcernAction;
  detail: ConcernDetailView;
  onClose: () => void;
  onDone: () => void;
}) {
  const directory = useDirectory();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { saving: submitting, submit: send } = useConcernSubmit(onDone);
  const label = actionLabel(action, detail.status);

  const submit = async () => {
    const parsed = ACTION_BODY_SCHEMAS[action].safeParse(form.getFieldsValue());
    if (!parsed.success) {
      form.setFields(schemaErrors(parsed.error.issues));
      return;
    }
    await send({ send: () => api.act(detail.id, action, parsed.data), success: `已${label}` });
  };

  return (
    <Modal
      open
      title={`${label} · ${detail.code}`}
      okText={`确认${label}`}
      cancelText="取消"
      okButtonProps={{ danger: actionTone(action) === 'danger', loading: submitting }}
      onOk={() => void submit()}
      onCancel={onClose}
      // The reply and the rejection reason have the templates and the knowledge base beside the box.
      width={action === 'reply' || action === 'reject' ? 760 : undefined}
      destroyOnHidden
      mask={{ closable: !submitting }}
    >
      <Form form={form} layout="vertical" initialValues={initialValues(action, detail)} onFinish={() => void submit()} requiredMark>
        <ActionFields action={action} detail={detail} directory={directory} />
        {isBodyless(action) && action !== 'approve-extension' && (
          <Typography.Paragraph>
            确认对「{detail.title}」执行{label}？
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}

function isBodyless(action: StaffConcernAction): boolean {
  return action === 'accept' || action === 'sign' || action === 'approve-extension' || action === 'approve-reply';
}
