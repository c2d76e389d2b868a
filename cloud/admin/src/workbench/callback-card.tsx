import { CustomerServiceOutlined } from '@ant-design/icons';
import {
  CALLBACK_WORDS_MAX,
  callbackConcernSchema,
  RATING_CHANNEL_LABELS,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  type CallbackRecordView,
  type ConcernDetailView,
} from '@manyi/shared';
import { Button, Card, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { followUpApi } from '../api/follow-up-endpoints';
import { schemaErrors } from '../common/form-errors';
import { formatTime } from '../inbox/due';
import { useConcernSubmit } from './use-concern-submit';

interface CallbackFormValues {
  reached?: boolean;
  solved?: boolean;
  satisfaction?: string;
  words?: string;
}

/** The form's values as the callback body: an unreached call carries no answers, an empty text is left out. */
export function callbackBody(values: CallbackFormValues): Record<string, unknown> {
  const reached = values.reached;
  return {
    reached,
    solved: reached ? values.solved : undefined,
    satisfaction: reached ? values.satisfaction : undefined,
    words: values.words?.trim() ? values.words.trim() : undefined,
  };
}

/** One call in words: 接通 · 已解决 · 满意, or 未接通. */
export function callbackSummary(record: Pick<CallbackRecordView, 'reached' | 'solved' | 'satisfaction'>): string {
  if (!record.reached) return '未接通';
  return [
    '接通',
    record.solved === null ? null : record.solved ? '已解决' : '未解决',
    record.satisfaction ? SATISFACTION_LABELS[record.satisfaction] : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * 回访 (双回访): the street's call to the resident once the reply is published. A reached call records the
 * resident's answers — they are the concern's rating (channel 回访) and an unsolved or unsatisfied one
 * reopens it as an app rating does; an unreached one counts an attempt, and the last allowed attempt
 * closes the concern as 未回访. The card lists the calls, the rating's channel and the attempts so far.
 */
export function CallbackCard({ detail, now, onChanged }: { detail: ConcernDetailView; now: number; onChanged: () => void }) {
  const [form] = Form.useForm<CallbackFormValues>();
  const reached = Form.useWatch('reached', form);
  const [open, setOpen] = useState(false);
  const { saving, submit: send } = useConcernSubmit(onChanged);
  const callbacks = detail.callbacks ?? [];
  const allowed = (detail.allowedActions ?? []).includes('callback');
  if (!allowed && callbacks.length === 0 && !detail.callbackUnreached) return null;
  const attempts = detail.unreachedCallbacks ?? 0;

  const submit = async () => {
    const parsed = callbackConcernSchema.safeParse(callbackBody(form.getFieldsValue()));
    if (!parsed.success) {
      form.setFields(schemaErrors<keyof CallbackFormValues>(parsed.error.issues));
      return;
    }
    await send({
      send: () => followUpApi.callback(detail.id, parsed.data),
      success: parsed.data.reached ? '已记录回访' : '已记录未接通',
      onSuccess: () => {
        setOpen(false);
        form.resetFields();
      },
    });
  };

  return (
    <Card
      size="small"
      className="callback-card"
      title={
        <Space wrap>
          <CustomerServiceOutlined />
          回访
          {detail.ratingChannel && <Tag color="green">评价渠道：{RATING_CHANNEL_LABELS[detail.ratingChannel]}</Tag>}
          {/* The attempts count toward 未回访 only while the concern waits for its rating. */}
          {attempts > 0 && detail.status === 'awaiting_rating' && <Tag color="orange">本轮未接通 {attempts} 次</Tag>}
          {detail.callbackUnreached && <Tag color="red">未回访办结</Tag>}
        </Space>
      }
      extra={
        allowed && !open ? (
          <Button size="small" type="primary" onClick={() => setOpen(true)}>
            记录回访
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size="small" className="full-width">
        {callbacks.length === 0 ? (
          <Typography.Text type="secondary">尚无回访记录</Typography.Text>
        ) : (
          <ol className="callback-records" aria-label="回访记录">
            {callbacks.map((c) => (
              <li key={c.id} data-callback-id={c.id} data-reached={c.reached}>
                <span>{formatTime(c.calledAt, now)}</span> <Tag color={c.reached ? 'green' : 'default'}>{callbackSummary(c)}</Tag>
                {c.counted && <Tag color="blue">计为评价</Tag>}
                {c.staffName && <Typography.Text type="secondary">{c.staffName}</Typography.Text>}
                {c.words && <div className="callback-words">居民：{c.words}</div>}
              </li>
            ))}
          </ol>
        )}
        {open && (
          <Form<CallbackFormValues> form={form} layout="vertical" className="callback-form" onFinish={() => void submit()} requiredMark>
            <Form.Item name="reached" label="是否联系上居民" required>
              <Radio.Group
                options={[
                  { value: true, label: '已接通' },
                  { value: false, label: '未接通' },
                ]}
              />
            </Form.Item>
            {/* Hidden rather than unmounted until the call is marked reached: the form keeps them (and their errors). */}
            <Form.Item name="solved" label="问题是否解决" required hidden={reached !== true}>
              <Radio.Group
                options={[
                  { value: true, label: '已解决' },
                  { value: false, label: '未解决' },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="satisfaction"
              label="满意程度"
              required
              hidden={reached !== true}
              extra="接通的回访即为本诉求的评价；未解决或不满意将按规定转重办"
            >
              <Radio.Group options={SATISFACTION_LEVELS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} />
            </Form.Item>
            {reached === false && (
              <Typography.Paragraph type="secondary">
                已未接通 {attempts} 次；达到时限设置中的上限仍未接通，诉求将按“未回访”办结。
              </Typography.Paragraph>
            )}
            <Form.Item name="words" label="居民原话（仅工作人员可见）">
              <Input.TextArea rows={2} maxLength={CALLBACK_WORDS_MAX} showCount />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存回访记录
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
