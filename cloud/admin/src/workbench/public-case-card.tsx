import {
  maskPersonal,
  peopleCount,
  PUBLIC_CASE_STATUS_LABELS,
  publishCaseSchema,
  type ConcernDetailView,
  type PublicCaseAdminView,
  type PublicCaseStatus,
} from '@manyi/shared';
import { Alert, App, Button, Card, Checkbox, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { communityApi } from '../api/community-endpoints';
import { PhotoThumb } from './photo-thumb';

const STATUS_COLORS: Record<PublicCaseStatus, string> = { unpublished: 'default', published: 'green', withdrawn: 'orange' };

/**
 * 多人反映 on the workbench: the people who reported it — the reporter and the residents who follow it (附议) —
 * and how the followers rated the reply (apart from the reporter's; not in the three rates).
 */
export function FollowersTag({ detail }: { detail: ConcernDetailView }) {
  const followers = detail.followerCount ?? 0;
  if (followers === 0) return null;
  const ratings = detail.followerRatings;
  return (
    <Space size={4}>
      <Tag color="volcano" aria-label="反映人数">
        {peopleCount(followers)} 人反映（附议 {followers} 人）
      </Tag>
      {ratings && ratings.rated > 0 ? (
        <Typography.Text type="secondary">
          附议人评价 {ratings.rated} 条：满意 {ratings.satisfied}、基本满意 {ratings.basicallySatisfied}、不满意 {ratings.unsatisfied}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/**
 * 公开案例: on a closed concern, whether the reporter agreed to publish it, an editable preview of the public
 * text and reply (masked as the board will show them), which photos to show, and 公开 / 撤回.
 */
export function PublicCaseCard({ detail, onChanged }: { detail: ConcernDetailView; onChanged: () => void }) {
  const card = detail.publicCase;
  if (!card || (detail.status !== 'closed' && card.status === 'unpublished')) return null;
  return <PublicCaseForm key={`${detail.id}-${card.status}-${card.publishedAt ?? ''}`} id={detail.id} card={card} onChanged={onChanged} />;
}

function PublicCaseForm({ id, card, onChanged }: { id: number; card: PublicCaseAdminView; onChanged: () => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState(card.text);
  const [reply, setReply] = useState(card.reply);
  const [photoIds, setPhotoIds] = useState<number[]>(card.photoIds);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const publish = async () => {
    const parsed = publishCaseSchema.safeParse({ text, reply, photoIds });
    if (!parsed.success) {
      setErrors(parsed.error.issues.map((i) => i.message));
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      await communityApi.publishCase(id, parsed.data);
      message.success('已公开到街道“已办结”栏目');
      onChanged();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    setBusy(true);
    try {
      await communityApi.unpublishCase(id);
      message.success('已撤回公开');
      onChanged();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title="公开案例"
      className="workbench-public-case"
      extra={<Tag color={STATUS_COLORS[card.status]}>{PUBLIC_CASE_STATUS_LABELS[card.status]}</Tag>}
    >
      <Space orientation="vertical" className="full-width">
        {card.consent ? (
          <Tag color="green">居民同意公开</Tag>
        ) : (
          <Alert type="info" showIcon message="居民提交时未同意公开，此诉求不能公开到“已办结”栏目。" />
        )}
        {card.eligible && (
          <>
            <label>
              <Typography.Text strong>公开的诉求内容</Typography.Text>
              <Input.TextArea
                aria-label="公开的诉求内容"
                value={text}
                onChange={(e) => setText(e.target.value)}
                autoSize={{ minRows: 2 }}
              />
            </label>
            <label>
              <Typography.Text strong>公开的答复内容</Typography.Text>
              <Input.TextArea
                aria-label="公开的答复内容"
                value={reply}
                onChange={(e) => setReply(e.target.value)}
                autoSize={{ minRows: 2 }}
              />
            </label>
            <div aria-label="公开预览">
              <Typography.Text type="secondary">公开后显示（电话、证件号、姓名自动隐藏）：</Typography.Text>
              <Typography.Paragraph className="public-preview">{maskPersonal(text, { namesLike: true })}</Typography.Paragraph>
              <Typography.Paragraph className="public-preview">{maskPersonal(reply, { namesLike: true })}</Typography.Paragraph>
            </div>
            {card.candidatePhotoIds.length > 0 ? (
              <Checkbox.Group value={photoIds} onChange={(v) => setPhotoIds(v as number[])} aria-label="公开的照片">
                {card.candidatePhotoIds.map((p, i) => (
                  <Checkbox key={p} value={p}>
                    <PhotoThumb photoId={p} alt={`可公开照片 ${i + 1}`} />
                  </Checkbox>
                ))}
              </Checkbox.Group>
            ) : (
              <Typography.Text type="secondary">没有可公开的照片</Typography.Text>
            )}
          </>
        )}
        {errors.length > 0 && <Alert type="error" showIcon message={errors.join('；')} />}
        <Space>
          {card.eligible && (
            <Button type="primary" onClick={() => void publish()} loading={busy}>
              {card.status === 'published' ? '更新公开内容' : '公开'}
            </Button>
          )}
          {card.status === 'published' && (
            <Popconfirm title="撤回后，居民将不再看到此案例。确定撤回？" onConfirm={() => void withdraw()} okText="撤回" cancelText="取消">
              <Button danger loading={busy}>
                撤回公开
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Card>
  );
}
