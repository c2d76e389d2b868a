import {
  CO_HANDLER_PART_VISIBILITY_LABELS,
  CONTACT_METHOD_LABELS,
  TIMELINE_ACTION_LABELS,
  CONCERN_SOURCE_LABELS,
  CONCERN_STATUS_LABELS,
  RECLASSIFY_FIELD_LABELS,
  RETURN_REASON_LABELS,
  ROLE_LABELS,
  type ConcernSource,
  type ReclassifyChange,
  type ReturnReason,
  type Satisfaction,
  type TimelineEntryView,
} from '@manyi/shared';
import { Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { nameOf, useDirectory, type Directory } from '../app/directory';
import { formatTime } from '../inbox/due';
import { callbackSummary } from './callback-card';
import { PhotoThumb } from './photo-thumb';

const DANGER = new Set(['reject', 'return', 'send-back', 'chase', 'chase-callback']);
const DONE = new Set(['accept', 'dispatch', 'sign', 'contact', 'approve-reply', 'approve-extension', 'rate', 'expire-rating', 'callback']);

/**
 * 办理过程: every step, oldest first. What the resident can read (公开) and what only staff read (内部)
 * are set apart, so nobody copies an internal remark into a public reply by mistake.
 */
export function ConcernTimeline({ entries, now }: { entries: TimelineEntryView[]; now: number }) {
  const directory = useDirectory();
  return (
    <Timeline
      className="concern-timeline"
      items={entries.map((entry) => ({
        key: entry.id,
        color: DANGER.has(entry.action) ? 'red' : DONE.has(entry.action) ? 'green' : entry.action === 'submit' ? 'blue' : 'gray',
        content: <TimelineStep entry={entry} directory={directory} now={now} />,
      }))}
    />
  );
}

function TimelineStep({ entry, directory, now }: { entry: TimelineEntryView; directory: Directory; now: number }) {
  const label = entry.action === 'submit' ? (entry.data?.channel ? '代录诉求' : '提交诉求') : TIMELINE_ACTION_LABELS[entry.action];
  const actor = [entry.actorName, ROLE_LABELS[entry.actorRole]].filter(Boolean).join(' · ');
  const changed = entry.fromStatus !== null && entry.fromStatus !== entry.toStatus;
  const data = entry.data ?? {};
  const facts = stepFacts(entry, data, directory);
  const replyText = entry.action === 'reply' && typeof data.replyText === 'string' ? data.replyText : null;
  const photoIds = entry.photoIds ?? (Array.isArray(data.photoIds) ? data.photoIds.filter((n): n is number => typeof n === 'number') : []);

  return (
    <div className="timeline-step" data-action={entry.action}>
      <div className="timeline-head">
        <span className="timeline-time">{formatTime(entry.createdAt, now)}</span>
        <Typography.Text strong>{label}</Typography.Text>
        <Typography.Text type="secondary">{actor}</Typography.Text>
        {changed && (
          <Typography.Text type="secondary" className="timeline-status">
            {CONCERN_STATUS_LABELS[entry.fromStatus!]} → {CONCERN_STATUS_LABELS[entry.toStatus]}
          </Typography.Text>
        )}
      </div>
      {facts.length > 0 && <div className="timeline-facts">{facts}</div>}
      {entry.publicText && <TextBlock kind="public" tag="公开" text={entry.publicText} hint="居民可见" />}
      {replyText && <TextBlock kind="draft" tag="答复" text={replyText} hint="审核通过后对居民公开" />}
      {entry.internalText && <TextBlock kind="internal" tag="内部" text={entry.internalText} hint="仅工作人员可见" />}
      {photoIds.length > 0 && (
        <div className="photo-row">
          {photoIds.map((id) => (
            <PhotoThumb key={id} photoId={id} alt={`${label}照片`} />
          ))}
        </div>
      )}
    </div>
  );
}

function TextBlock({ kind, tag, text, hint }: { kind: 'public' | 'draft' | 'internal'; tag: string; text: string; hint: string }) {
  const color = kind === 'public' ? 'green' : kind === 'draft' ? 'blue' : 'orange';
  return (
    <div className={`timeline-text timeline-text-${kind}`}>
      <div className="timeline-text-label">
        <Tag color={color}>{tag}</Tag>
        <Typography.Text type="secondary">{hint}</Typography.Text>
      </div>
      <Typography.Paragraph className="timeline-text-body">{text}</Typography.Paragraph>
    </div>
  );
}

/** The structured part of a step (who it went to, why, for how long), in words. */
function stepFacts(entry: TimelineEntryView, data: Record<string, unknown>, directory: Directory): ReactNode[] {
  const facts: ReactNode[] = [];
  const num = (key: string) => (typeof data[key] === 'number' ? data[key] : null);
  const ids = (key: string) => (Array.isArray(data[key]) ? (data[key] as unknown[]).filter((n): n is number => typeof n === 'number') : []);
  switch (entry.action) {
    case 'dispatch': {
      facts.push(<span key="lead">主办：{nameOf(directory.departmentById, num('departmentId'))}</span>);
      const co = ids('coHandlerIds');
      if (co.length > 0) facts.push(<span key="co">协办：{co.map((id) => nameOf(directory.departmentById, id)).join('、')}</span>);
      break;
    }
    case 'return': {
      const reason = data.reason as ReturnReason | undefined;
      facts.push(<span key="reason">退单原因：{(reason && RETURN_REASON_LABELS[reason]) ?? '—'}</span>);
      if (num('departmentId') !== null)
        facts.push(<span key="from">退单部门：{nameOf(directory.departmentById, num('departmentId'))}</span>);
      if (data.escalated === true)
        facts.push(
          <Tag key="esc" color="red">
            已转督办
          </Tag>,
        );
      break;
    }
    case 'extend':
      if (num('workingDays') !== null) facts.push(<span key="days">申请延期 {num('workingDays')} 个工作日</span>);
      break;
    case 'approve-extension':
      if (num('workingDays') !== null) facts.push(<span key="days">延期 {num('workingDays')} 个工作日</span>);
      if (typeof data.resolveDueAt === 'string') facts.push(<span key="due">新办结期限 {formatTime(data.resolveDueAt)}</span>);
      break;
    case 'merge':
      if (typeof data.intoCode === 'string') facts.push(<span key="into">并入 {data.intoCode}</span>);
      break;
    // 协办: which department's part, and whether it may go out with the reply.
    case 'co-handler-sign':
    case 'co-handler-part':
    case 'co-handler-decline':
    case 'waive-co-handler':
      facts.push(<span key="co">协办部门：{nameOf(directory.departmentById, num('departmentId'))}</span>);
      if (data.visibility === 'internal' || data.visibility === 'reply')
        facts.push(<Tag key="visibility">{CO_HANDLER_PART_VISIBILITY_LABELS[data.visibility]}</Tag>);
      break;
    case 'submit':
      // 代录: the channel staff filed it through.
      if (typeof data.channel === 'string')
        facts.push(<span key="channel">代录渠道：{CONCERN_SOURCE_LABELS[data.channel as ConcernSource] ?? data.channel}</span>);
      break;
    case 'reclassify':
      for (const change of Array.isArray(data.changes) ? (data.changes as ReclassifyChange[]) : []) {
        const shown = (value: string | null) =>
          value === null ? '—' : change.field === 'dueAt' || change.field === 'resolveDueAt' ? formatTime(value) : value;
        facts.push(
          <span key={change.field} className="reclassify-change" data-field={change.field}>
            {RECLASSIFY_FIELD_LABELS[change.field] ?? change.field}：{shown(change.from)} → {shown(change.to)}
          </span>,
        );
      }
      if (data.handedOver === true)
        facts.push(
          <Tag key="handover" color="orange">
            已移交其他街道
          </Tag>,
        );
      break;
    // 先联系: how and when the handler reached the resident.
    case 'contact':
      if (data.method === 'phone' || data.method === 'visit') facts.push(<span key="method">{CONTACT_METHOD_LABELS[data.method]}</span>);
      if (typeof data.contactedAt === 'string') facts.push(<span key="when">联系时间 {formatTime(data.contactedAt)}</span>);
      break;
    // 回访: the call's outcome, whether it was the rating, the attempts so far.
    case 'callback':
      facts.push(
        <span key="outcome">
          {callbackSummary({
            reached: data.reached === true,
            solved: typeof data.solved === 'boolean' ? data.solved : null,
            satisfaction: typeof data.satisfaction === 'string' ? (data.satisfaction as Satisfaction) : null,
          })}
        </span>,
      );
      if (data.counted === true)
        facts.push(
          <Tag key="counted" color="blue">
            计为评价
          </Tag>,
        );
      if (num('attempts') !== null) facts.push(<span key="attempts">未接通第 {num('attempts')} 次</span>);
      break;
    default:
      // The other steps carry no structured facts: their note says it all.
      break;
  }
  return facts;
}
