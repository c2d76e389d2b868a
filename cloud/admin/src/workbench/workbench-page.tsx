import { ArrowLeftOutlined, EnvironmentOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  CONCERN_SOURCE_LABELS,
  REQUEST_TYPE_RULES,
  SATISFACTION_LABELS,
  type ConcernDetailView,
  type DuplicateCandidateView,
} from '@manyi/shared';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../api/api-error';
import { api } from '../api/endpoints';
import { nameOf, useDirectory } from '../app/directory';
import { navigate, routePath } from '../app/router';
import { ConcernLink } from '../common/concern-link';
import { StatusTag } from '../common/status-tag';
import { useCompounds } from '../common/use-compounds';
import { useNow } from '../common/use-now';
import { DueCountdown, ProvisionalTag } from '../inbox/due-countdown';
import { formatTime } from '../inbox/due';
import { ActionBar } from './action-bar';
import { CallbackCard } from './callback-card';
import { CoHandlingCard } from './co-handling-card';
import { ContactCard } from './contact-card';
import { FollowersTag, PublicCaseCard } from './public-case-card';
import { ReclassifyButton } from './reclassify-dialog';
import { ConcernTimeline } from './concern-timeline';
import { PhotoThumb } from './photo-thumb';

type Loaded = { version: number; detail: ConcernDetailView } | { version: number; error: unknown };

/** 诉求工作台: the resident's report, the whole timeline, and the actions this user may take now. */
export function WorkbenchPage({ id, onBack }: { id: number; onBack: () => void }) {
  const now = useNow();
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .concern(id, controller.signal)
      .then((detail) => setLoaded({ version, detail }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ version, error });
      });
    return () => controller.abort();
  }, [id, version]);

  const reload = () => setVersion((v) => v + 1);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
      返回列表
    </Button>
  );

  if (!loaded) return <Skeleton active paragraph={{ rows: 8 }} />;
  if ('error' in loaded) {
    const missing = isApiError(loaded.error, 'CONCERN_NOT_FOUND');
    return (
      <Result
        status={missing ? '404' : 'warning'}
        // The service answers the same 404 for "not yours" and "not there", and so does the page: no hint either way.
        title={missing ? '无权查看此诉求' : '诉求加载失败'}
        subTitle={missing ? '诉求不存在，或不在您的办理范围内。' : errorMessage(loaded.error)}
        extra={[
          back,
          ...(missing
            ? []
            : [
                <Button key="retry" onClick={reload}>
                  重试
                </Button>,
              ]),
        ]}
      />
    );
  }
  const { detail } = loaded;
  const refreshing = loaded.version !== version;

  return (
    <article className="workbench" aria-label={`诉求 ${detail.code}`}>
      <div className="page-heading">
        <Space align="center" wrap>
          {back}
          <Typography.Title level={4} className="workbench-title">
            {detail.title}
          </Typography.Title>
          <StatusTag status={detail.status} />
          {detail.escalated && <Tag color="red">督办</Tag>}
          {detail.confidential && <Tag>保密</Tag>}
          <FollowersTag detail={detail} />
        </Space>
        <Space>
          <Typography.Text className="mono" type="secondary">
            {detail.code}
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={reload} loading={refreshing}>
            刷新
          </Button>
        </Space>
      </div>

      <Card size="small" className="workbench-actions" title="办理">
        <Space orientation="vertical" size="small" className="full-width">
          <Space wrap>
            <Typography.Text type="secondary">当前期限</Typography.Text>
            <DueCountdown dueAt={detail.dueAt} dueKind={detail.dueKind} now={now} provisional={detail.dueProvisional === true} />
            {detail.pendingExtensionDays ? <Tag color="orange">延期申请待批准：{detail.pendingExtensionDays} 个工作日</Tag> : null}
          </Space>
          <Space wrap align="start">
            <ActionBar detail={detail} onChanged={reload} />
            <ReclassifyButton detail={detail} onChanged={reload} onHandedOver={onBack} />
          </Space>
        </Space>
      </Card>

      <ContactCard detail={detail} now={now} onChanged={reload} />
      <CallbackCard detail={detail} now={now} onChanged={reload} />
      <CoHandlingCard detail={detail} now={now} onChanged={reload} />
      <PublicCaseCard detail={detail} onChanged={reload} />

      <div className="two-columns">
        <Card title="居民反映" className="workbench-report">
          <Typography.Paragraph className="concern-description">{detail.description}</Typography.Paragraph>
          {detail.photoIds.length > 0 ? (
            <div className="photo-row" aria-label="居民上传的照片">
              {detail.photoIds.map((photoId, i) => (
                <PhotoThumb key={photoId} photoId={photoId} alt={`照片 ${i + 1}`} />
              ))}
            </div>
          ) : (
            <Typography.Text type="secondary">未上传照片</Typography.Text>
          )}
          <ReportFacts detail={detail} now={now} />
          <PlaceMap detail={detail} />
        </Card>
        <div className="workbench-side">
          <Duplicates id={detail.id} />
          <Card title="办理过程" className="workbench-timeline">
            {detail.timeline.length > 0 ? <ConcernTimeline entries={detail.timeline} now={now} /> : <Empty description="暂无记录" />}
          </Card>
        </div>
      </div>
    </article>
  );
}

function ReportFacts({ detail, now }: { detail: ConcernDetailView; now: number }) {
  const directory = useDirectory();
  const compound = useCompoundName(directory.streetById.get(detail.streetId)?.code, detail.compoundId);
  const place = [
    detail.address,
    detail.latitude !== null && detail.longitude !== null ? `${detail.latitude.toFixed(5)}, ${detail.longitude.toFixed(5)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const items = [
    { key: 'street', label: '街道', children: nameOf(directory.streetById, detail.streetId) },
    { key: 'compound', label: '居民区', children: compound },
    { key: 'category', label: '类别', children: nameOf(directory.categoryById, detail.categoryId) },
    { key: 'type', label: '诉求性质', children: REQUEST_TYPE_RULES[detail.requestType]?.label ?? detail.requestType },
    { key: 'source', label: '来源', children: CONCERN_SOURCE_LABELS[detail.source] ?? detail.source },
    ...intakeFacts(detail),
    { key: 'phone', label: '联系电话', children: <PhoneField detail={detail} /> },
    { key: 'place', label: '地点', span: 2, children: place || '—' },
    { key: 'lead', label: '主办部门', children: nameOf(directory.departmentById, detail.departmentId) },
    {
      key: 'co',
      label: '协办部门',
      children: detail.coHandlerIds.length > 0 ? detail.coHandlerIds.map((d) => nameOf(directory.departmentById, d)).join('、') : '—',
    },
    { key: 'created', label: '提交时间', children: formatTime(detail.createdAt, now) },
    {
      key: 'resolve',
      label: '办结期限',
      children: detail.resolveDueAt ? (
        <>
          {formatTime(detail.resolveDueAt, now)}
          {detail.resolveDueProvisional === true && <ProvisionalTag />}
        </>
      ) : (
        '—'
      ),
    },
    { key: 'counts', label: '退单 / 重办', children: `${detail.returnCount} 次 / ${detail.reopenCount} 次` },
  ];
  if (detail.solved !== null || detail.satisfaction !== null)
    items.push({
      key: 'rating',
      label: '居民评价',
      span: 2,
      children: [
        detail.solved === null ? null : detail.solved ? '已解决' : '未解决',
        detail.satisfaction ? SATISFACTION_LABELS[detail.satisfaction] : null,
        detail.ratingComment,
      ]
        .filter(Boolean)
        .join(' · '),
    });
  return <Descriptions className="report-facts" size="small" column={2} bordered items={items} />;
}

/** 代录: who filed it for the resident, through what, and the resident's name (masked like the phone). */
function intakeFacts(detail: ConcernDetailView) {
  const intake = detail.intake;
  if (!intake) return [];
  return [
    { key: 'intake-staff', label: '代录人', children: intake.staffName ?? '—' },
    {
      key: 'intake-claimed',
      label: '居民认领',
      children: intake.claimed ? <Tag color="green">居民已在小程序认领</Tag> : <Typography.Text type="secondary">尚未认领</Typography.Text>,
    },
    ...(intake.orderNumber
      ? [{ key: 'intake-order', label: '12345 工单号', children: <span className="mono">{intake.orderNumber}</span> }]
      : []),
    ...(intake.visitId
      ? [
          {
            key: 'intake-visit',
            label: '走访活动',
            children: (
              <Typography.Link
                href={routePath({ name: 'visit', id: intake.visitId })}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ name: 'visit', id: intake.visitId! });
                }}
              >
                {intake.visitTitle ?? `#${intake.visitId}`}
              </Typography.Link>
            ),
          },
        ]
      : []),
    { key: 'intake-name', label: '居民姓名', children: intake.contactName ?? '—' },
  ];
}

/** 显示号码 is a separate, audited action: the masked number until someone asks (with the name staff took down for a 代录). */
function PhoneField({ detail }: { detail: ConcernDetailView }) {
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  if (!detail.phone) return <Typography.Text type="secondary">未留电话</Typography.Text>;
  if (full) return <Typography.Text copyable>{full}</Typography.Text>;
  return (
    <Space>
      <span>{detail.phone}</span>
      <Popconfirm
        title="显示完整号码"
        description="显示号码将记入审计日志。"
        okText="显示"
        cancelText="取消"
        // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd's Popconfirm awaits the promise (确定 shows loading until it settles); its type says void
        onConfirm={() =>
          api
            .revealPhone(detail.id)
            .then((r) => setFull([r.contactName, r.phone ?? '—'].filter(Boolean).join(' ')))
            .catch((error: unknown) => message.error(errorMessage(error)))
        }
      >
        <Button size="small" type="link" icon={<EyeOutlined />}>
          显示号码
        </Button>
      </Popconfirm>
    </Space>
  );
}

function useCompoundName(streetCode: string | undefined, compoundId: number): string {
  return useCompounds(streetCode).find((c) => c.id === compoundId)?.name ?? `#${compoundId}`;
}

/**
 * 地图: where the resident placed the concern. The mini-program takes the place from WeChat's
 * chooseLocation, which gives GCJ-02 coordinates; 高德's marker page takes those as they are.
 */
function PlaceMap({ detail }: { detail: ConcernDetailView }) {
  if (detail.latitude === null || detail.longitude === null) return null;
  const position = `${detail.longitude.toFixed(6)},${detail.latitude.toFixed(6)}`;
  const name = encodeURIComponent(detail.address ?? detail.title);
  return (
    <div className="place-map">
      <EnvironmentOutlined />{' '}
      <Typography.Link
        href={`https://uri.amap.com/marker?position=${position}&name=${name}&coordinate=gaode`}
        target="_blank"
        rel="noreferrer"
      >
        在地图上查看位置
      </Typography.Link>
    </div>
  );
}

/** 疑似重复: other open concerns of the same compound and category — to merge into, or to read before acting. */
function Duplicates({ id }: { id: number }) {
  const [found, setFound] = useState<{ id: number; items: DuplicateCandidateView[] } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .duplicates(id, controller.signal)
      .then((r) => setFound({ id, items: r.items }))
      .catch(() => {
        if (!controller.signal.aborted) setFound({ id, items: [] });
      });
    return () => controller.abort();
  }, [id]);
  const items = found?.id === id ? found.items : [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={`疑似重复（${items.length}）`} className="workbench-duplicates">
      <ul className="duplicate-list" aria-label="疑似重复的诉求">
        {items.map((d) => (
          <li key={d.id}>
            <ConcernLink id={d.id}>
              <span className="mono">{d.code}</span> {d.title}
            </ConcernLink>{' '}
            <StatusTag status={d.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
