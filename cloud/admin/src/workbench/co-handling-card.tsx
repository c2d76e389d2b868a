import {
  CO_HANDLER_ACTION_LABELS,
  CO_HANDLER_ACTION_SCHEMAS,
  CO_HANDLER_PART_VISIBILITIES,
  CO_HANDLER_PART_VISIBILITY_LABELS,
  CO_HANDLER_STATUS_LABELS,
  isOutstandingCoHandler,
  type CoHandlerAction,
  type CoHandlerStatus,
  type CoHandlerView,
  type ConcernDetailView,
} from '@manyi/shared';
import { Alert, Button, Card, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { workApi } from '../api/work-endpoints';
import { nameOf, useDirectory } from '../app/directory';
import { schemaErrors } from '../common/form-errors';
import { formatTime } from '../inbox/due';
import { EvidencePhotos } from './action-fields';
import { useConcernSubmit } from './use-concern-submit';
import { PhotoThumb } from './photo-thumb';
import './co-handling.css';

const STATUS_COLORS: Record<CoHandlerStatus, string> = {
  pending: 'orange',
  signed: 'blue',
  submitted: 'green',
  declined: 'red',
  waived: 'default',
  released: 'default',
};

/**
 * 协办: the co-handling departments of the concern, each with its status, sign-for deadline and part (or
 * the reason it declined, or was waived); the buttons are exactly the actions the service says the
 * reader may take on each row — a co-handler's own sign, part and decline, triage's waiver.
 */
export function CoHandlingCard({ detail, now, onChanged }: { detail: ConcernDetailView; now: number; onChanged: () => void }) {
  const directory = useDirectory();
  const [open, setOpen] = useState<{ action: CoHandlerAction; row: CoHandlerView } | null>(null);
  const rows = detail.coHandlers ?? [];
  if (rows.length === 0) return null;
  const outstanding = rows.filter((r) => isOutstandingCoHandler(r.status));
  const name = (r: CoHandlerView) => nameOf(directory.departmentById, r.departmentId);

  return (
    <Card size="small" title={`协办（${rows.length}）`} className="workbench-co-handling">
      {outstanding.length > 0 && detail.allowedActions?.includes('reply') && (
        <Alert
          className="co-handling-waiting"
          type="warning"
          showIcon
          title={`答复前需协办部门提交协办意见，或由派单员免除：${outstanding.map((r) => `${name(r)}（${CO_HANDLER_STATUS_LABELS[r.status]}）`).join('、')}`}
        />
      )}
      <ul className="co-handler-list" aria-label="协办部门">
        {rows.map((r) => {
          const late = r.status === 'pending' && Date.parse(r.signDueAt) < now;
          return (
            <li key={r.departmentId} className="co-handler" data-department-id={r.departmentId} data-status={r.status}>
              <Space wrap>
                <Typography.Text strong>{name(r)}</Typography.Text>
                <Tag color={STATUS_COLORS[r.status]}>{CO_HANDLER_STATUS_LABELS[r.status]}</Tag>
                <Typography.Text type={late ? 'danger' : 'secondary'}>
                  {r.signedAt
                    ? `${formatTime(r.signedAt, now)} 签收`
                    : `协办签收期限 ${formatTime(r.signDueAt, now)}${late ? '（已超期）' : ''}`}
                </Typography.Text>
                {r.actions.map((action) => (
                  <Button
                    key={action}
                    size="small"
                    type={action === 'co-handler-sign' || action === 'co-handler-part' ? 'primary' : 'default'}
                    danger={action === 'co-handler-decline'}
                    data-action={action}
                    onClick={() => setOpen({ action, row: r })}
                  >
                    {CO_HANDLER_ACTION_LABELS[action]}
                  </Button>
                ))}
              </Space>
              {r.partText && (
                <div className="co-handler-part">
                  <Tag color={r.partVisibility === 'reply' ? 'blue' : 'orange'}>
                    {r.partVisibility ? CO_HANDLER_PART_VISIBILITY_LABELS[r.partVisibility] : '协办意见'}
                  </Tag>
                  <Typography.Paragraph className="co-handler-part-text">{r.partText}</Typography.Paragraph>
                  {r.partPhotoIds.length > 0 && (
                    <div className="photo-row">
                      {r.partPhotoIds.map((id, i) => (
                        <PhotoThumb key={id} photoId={id} alt={`协办照片 ${i + 1}`} />
                      ))}
                    </div>
                  )}
                </div>
              )}
              {r.declineReason && <Typography.Paragraph type="danger">拒绝理由：{r.declineReason}</Typography.Paragraph>}
              {r.waiveReason && <Typography.Paragraph type="secondary">免除理由：{r.waiveReason}</Typography.Paragraph>}
            </li>
          );
        })}
      </ul>
      {open && (
        <CoHandlingDialog
          key={`${open.action}:${open.row.departmentId}`}
          detail={detail}
          action={open.action}
          row={open.row}
          departmentName={name(open.row)}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

function CoHandlingDialog({
  detail,
  action,
  row,
  departmentName,
  onClose,
  onDone,
}: {
  detail: ConcernDetailView;
  action: CoHandlerAction;
  row: CoHandlerView;
  departmentName: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const { saving: submitting, submit: send } = useConcernSubmit(onDone);
  const label = CO_HANDLER_ACTION_LABELS[action];

  const submit = async () => {
    const values = action === 'waive-co-handler' ? { ...form.getFieldsValue(), departmentId: row.departmentId } : form.getFieldsValue();
    const parsed = CO_HANDLER_ACTION_SCHEMAS[action].safeParse(values);
    if (!parsed.success) {
      form.setFields(schemaErrors(parsed.error.issues));
      return;
    }
    await send({ send: () => workApi.coHandle(detail.id, action, parsed.data), success: `已${label}` });
  };

  return (
    <Modal
      open
      title={`${label} · ${departmentName}`}
      okText={`确认${label}`}
      cancelText="取消"
      okButtonProps={{ danger: action === 'co-handler-decline', loading: submitting }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ photoIds: [], text: '', reason: '' }}
        onFinish={() => void submit()}
        requiredMark
      >
        {action === 'co-handler-sign' && (
          <Typography.Paragraph>
            确认{departmentName}签收「{detail.title}」的协办？
          </Typography.Paragraph>
        )}
        {action === 'co-handler-part' && (
          <>
            <Form.Item name="text" label="协办意见" required>
              <Input.TextArea rows={4} maxLength={2000} showCount autoFocus />
            </Form.Item>
            <Form.Item name="visibility" label="用途" required>
              <Radio.Group
                options={CO_HANDLER_PART_VISIBILITIES.map((v) => ({
                  value: v,
                  label: v === 'reply' ? '用于答复（照片随答复公开）' : CO_HANDLER_PART_VISIBILITY_LABELS[v],
                }))}
              />
            </Form.Item>
            <Form.Item name="photoIds" label="照片（可选）">
              <EvidencePhotos />
            </Form.Item>
          </>
        )}
        {action === 'co-handler-decline' && (
          <Form.Item name="reason" label="拒绝理由（派单员可见）" required>
            <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
          </Form.Item>
        )}
        {action === 'waive-co-handler' && (
          <>
            {row.declineReason && <Alert type="info" showIcon title={`${departmentName}拒绝理由：${row.declineReason}`} />}
            <Form.Item name="reason" label="免除理由（记入操作日志）" required>
              <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
