import { PhoneOutlined } from '@ant-design/icons';
import {
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  CONTACT_NOTE_MAX,
  CONTACT_PUBLIC_TEXT,
  contactConcernSchema,
  type ConcernDetailView,
} from '@manyi/shared';
import { Button, Card, DatePicker, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { followUpApi } from '../api/follow-up-endpoints';
import { schemaErrors } from '../common/form-errors';
import { formatTime } from '../inbox/due';
import { useConcernSubmit } from './use-concern-submit';

interface ContactFormValues {
  method?: string;
  contactedAt?: Dayjs | null;
  note?: string;
}

/** The form's values as the contact body: the moment with its zone, an empty note left out. */
export function contactBody(values: ContactFormValues): Record<string, unknown> {
  return {
    method: values.method,
    contactedAt: values.contactedAt ? values.contactedAt.toISOString() : undefined,
    note: values.note?.trim() ? values.note.trim() : undefined,
  };
}

/**
 * 先联系 (双先联): after signing, the handler records calling or visiting the resident — how, when, a short
 * note — before acting and again before replying. The card lists the records, shows the 先联系时限 while its
 * clock runs (marked when past: the sweep chases it like any deadline), and the form when the state
 * machine allows `contact` to this user now. The resident reads only 「经办人已与您联系」.
 */
export function ContactCard({ detail, now, onChanged }: { detail: ConcernDetailView; now: number; onChanged: () => void }) {
  const [form] = Form.useForm<ContactFormValues>();
  const [open, setOpen] = useState(false);
  const { saving, submit: send } = useConcernSubmit(onChanged);
  const contacts = detail.contacts ?? [];
  const allowed = (detail.allowedActions ?? []).includes('contact');
  if (!allowed && contacts.length === 0) return null;

  const clockRunning = detail.dueKind === 'contact' && detail.dueAt !== null;
  const overdue = clockRunning && Date.parse(detail.dueAt!) < now;

  const submit = async () => {
    const parsed = contactConcernSchema.safeParse(contactBody(form.getFieldsValue()));
    if (!parsed.success) {
      form.setFields(schemaErrors<keyof ContactFormValues>(parsed.error.issues));
      return;
    }
    if (Date.parse(parsed.data.contactedAt) > Date.now()) {
      form.setFields([{ name: 'contactedAt', errors: ['联系时间不能晚于现在'] }]);
      return;
    }
    await send({
      send: () => followUpApi.contact(detail.id, parsed.data),
      success: '已记录联系',
      onSuccess: () => {
        setOpen(false);
        form.resetFields();
      },
    });
  };

  return (
    <Card
      size="small"
      className="contact-card"
      title={
        <Space>
          <PhoneOutlined />
          先联系
          {contacts.length > 0 ? <Tag color="green">已联系 {contacts.length} 次</Tag> : <Tag color="orange">尚未联系居民</Tag>}
        </Space>
      }
      extra={
        allowed && !open ? (
          <Button size="small" type={contacts.length === 0 ? 'primary' : 'default'} onClick={() => setOpen(true)}>
            {contacts.length === 0 ? '记录联系' : '再次联系'}
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size="small" className="full-width">
        {clockRunning && (
          <div className="contact-due" data-overdue={overdue}>
            <Typography.Text type="secondary">先联系时限</Typography.Text> {formatTime(detail.dueAt!, now)}{' '}
            {overdue ? <Tag color="red">已超时限</Tag> : <Tag color="blue">签收后请先联系居民</Tag>}
          </div>
        )}
        {contacts.length > 0 && (
          <ol className="contact-records" aria-label="联系记录">
            {contacts.map((c) => (
              <li key={c.id} data-contact-id={c.id}>
                <Tag>{CONTACT_METHOD_LABELS[c.method]}</Tag>
                <span>{formatTime(c.contactedAt, now)}</span>
                {c.staffName && <Typography.Text type="secondary"> · {c.staffName}</Typography.Text>}
                {c.note && <div className="contact-note">{c.note}</div>}
              </li>
            ))}
          </ol>
        )}
        {open && (
          <Form<ContactFormValues>
            form={form}
            layout="vertical"
            className="contact-form"
            // Now as the form opens, not the page's minute clock: a contact just after signing must not predate it.
            initialValues={{ method: 'phone', contactedAt: dayjs() }}
            onFinish={() => void submit()}
            requiredMark
          >
            <Form.Item name="method" label="联系方式" required>
              <Radio.Group options={CONTACT_METHODS.map((m) => ({ value: m, label: CONTACT_METHOD_LABELS[m] }))} />
            </Form.Item>
            <Form.Item name="contactedAt" label="联系时间" required>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
            <Form.Item name="note" label="联系情况（仅工作人员可见）" extra={`居民看到的是「${CONTACT_PUBLIC_TEXT}」`}>
              <Input.TextArea rows={2} maxLength={CONTACT_NOTE_MAX} showCount />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存联系记录
              </Button>
              <Button onClick={() => setOpen(false)} disabled={saving}>
                取消
              </Button>
            </Space>
          </Form>
        )}
      </Space>
    </Card>
  );
}
