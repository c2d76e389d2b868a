import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  CONCERN_SOURCE_LABELS,
  intakeChannelsFor,
  mayAcceptAtIntake,
  PHONE_REQUIRED_CHANNELS,
  type StaffIntakeChannel,
  type VisitSummaryView,
} from '@manyi/shared';
import { App, Button, Card, Checkbox, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api, type WhoAmI } from '../api/endpoints';
import { useCompounds } from '../common/use-compounds';
import { useDirectory } from '../app/directory';
import { navigate, useSearch } from '../app/router';
import { formatTime } from '../inbox/due';
import { EvidencePhotos } from '../workbench/action-fields';
import { intakeFormBody, type IntakeFormValues } from './intake-form';

/** What each channel asks the clerk for, under the channel buttons. */
const CHANNEL_HINTS: Record<StaffIntakeChannel, string> = {
  phone: '居民来电反映，请记下姓名和联系电话；留手机号码的居民日后在小程序验证该号码即可查看和评价。',
  walk_in: '居民到街道来访反映。',
  visit: '“满意在徐汇”走访或座谈会上提出的问题，登记后列入该次走访的问题清单。',
  hotline: '区 12345 平台转办的工单，同一工单号只能登记一次。',
};

/**
 * 新建代录: staff file a concern for a resident — on the phone, at the counter, at a visit or 座谈会, or
 * from a 12345 transfer. The fields follow the channel (the visit for 走访/座谈会, the order number for
 * 12345); the body is checked with the shared schema before it is sent. Visit organisers (editors)
 * reach it from a visit's page and may file that channel only.
 */
export function IntakePage({ who }: { who: WhoAmI }) {
  const { message } = App.useApp();
  const directory = useDirectory();
  const search = useSearch();
  const presetVisit = useMemo(() => {
    const raw = new URLSearchParams(search).get('visit');
    return raw && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
  }, [search]);
  const channels = intakeChannelsFor(who.role);
  const [form] = Form.useForm<IntakeFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const channel = Form.useWatch('channel', form);
  const visitId = Form.useWatch('visitId', form);
  const streetCode = Form.useWatch('streetCode', form);
  const visits = useVisitsUnderWay(channels.includes('visit'), presetVisit);
  const compounds = useCompounds(streetCode);
  // A street-bound clerk files for their street; a supervisor (or a visit's street) chooses.
  const ownStreet = who.streetId !== null ? directory.streetById.get(who.streetId)?.code : undefined;
  const chosenVisit = channel === 'visit' ? visits.find((v) => v.id === visitId) : undefined;
  const streetFixed = chosenVisit !== undefined || ownStreet !== undefined;

  useEffect(() => {
    if (chosenVisit) form.setFieldsValue({ streetCode: chosenVisit.street.code, compoundId: chosenVisit.compound?.id ?? undefined });
    else if (ownStreet && !form.getFieldValue('streetCode')) form.setFieldsValue({ streetCode: ownStreet });
  }, [chosenVisit, ownStreet, form]);

  if (channels.length === 0) return <Result status="403" title="您的角色不能代录诉求" />;

  const back = () => (presetVisit ? navigate({ name: 'visit', id: presetVisit }) : window.history.back());

  const submit = async () => {
    const check = intakeFormBody(form.getFieldsValue(true) as IntakeFormValues);
    if (!check.ok) {
      form.setFields(check.errors as Parameters<typeof form.setFields>[0]);
      return;
    }
    setSubmitting(true);
    try {
      const concern = await api.intake(check.body);
      message.success(`已登记诉求 ${concern.code}`);
      // Triage goes on to the workbench; a visit organiser back to the visit, whose 问题清单 now lists it.
      if (who.role === 'dispatcher' || who.role === 'supervisor') navigate({ name: 'concern', id: concern.id });
      else if (check.body.visitId) navigate({ name: 'visit', id: check.body.visitId });
      else back();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  const leafCategories = directory.categories.filter((c) => c.requestType !== null);
  const parentName = (id: number | null) => (id === null ? null : (directory.categoryById.get(id)?.name ?? null));

  return (
    <section className="intake" aria-label="新建代录">
      <div className="page-heading">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            返回
          </Button>
          <Typography.Title level={4}>新建代录</Typography.Title>
        </Space>
      </div>
      <Card>
        <Form<IntakeFormValues>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{
            channel: presetVisit && channels.includes('visit') ? 'visit' : channels[0],
            visitId: presetVisit,
            streetCode: ownStreet,
            confidential: false,
            acceptNow: false,
            photoIds: [],
          }}
          onFinish={() => void submit()}
          data-testid="intake-form"
        >
          <Form.Item name="channel" label="来源渠道" required extra={channel ? CHANNEL_HINTS[channel] : undefined}>
            <Radio.Group
              aria-label="来源渠道"
              optionType="button"
              options={channels.map((c) => ({ value: c, label: CONCERN_SOURCE_LABELS[c] }))}
              onChange={() =>
                form.setFields([
                  { name: 'visitId', errors: [] },
                  { name: 'orderNumber', errors: [] },
                  { name: 'phone', errors: [] },
                ])
              }
            />
          </Form.Item>
          {channel === 'visit' && (
            <Form.Item name="visitId" label="走访活动" required extra="只列出已开始、未取消的走访">
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择提出问题的走访或座谈会"
                options={visits.map((v) => ({ value: v.id, label: `${v.title}（${v.street.name} · ${formatTime(v.startsAt)}）` }))}
                notFoundContent="没有进行中或已举行的走访"
              />
            </Form.Item>
          )}
          {channel === 'hotline' && (
            <Form.Item name="orderNumber" label="12345 工单号" required extra="如 SH202611230012：字母前缀可选、8 位日期、4 至 8 位序号">
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          )}
          <Space wrap align="start" size="large">
            <Form.Item name="contactName" label="居民姓名">
              <Input maxLength={20} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="phone"
              label="联系电话"
              required={channel !== undefined && PHONE_REQUIRED_CHANNELS.includes(channel)}
              extra="手机或座机；手机号码经居民在小程序验证后，可在「我的诉求」中查看和评价"
            >
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Space>
          <Space wrap align="start" size="large">
            <Form.Item name="streetCode" label="街道" required>
              <Select
                className="intake-street"
                disabled={streetFixed}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择街道"
                options={directory.streets.map((s) => ({ value: s.code, label: s.name }))}
                onChange={() => form.setFieldsValue({ compoundId: undefined })}
              />
            </Form.Item>
            <Form.Item name="compoundId" label="小区" required>
              <Select
                className="intake-compound"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={streetCode ? '选择小区' : '请先选择街道'}
                options={compounds.map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
            <Form.Item name="categoryId" label="诉求类别" required>
              <Select
                className="intake-category"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择类别"
                options={leafCategories.map((c) => ({ value: c.id, label: [parentName(c.parentId), c.name].filter(Boolean).join(' / ') }))}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="title"
            label="标题"
            required
            extra={channel === 'visit' ? '列入走访问题清单，居民可见（姓名和号码会被隐去）' : undefined}
          >
            <Input maxLength={50} showCount />
          </Form.Item>
          <Form.Item name="description" label="问题描述" required>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="address" label="具体地点">
            <Input maxLength={200} placeholder="如：3 号楼 2 单元楼道" />
          </Form.Item>
          <Form.Item name="photoIds" label="照片">
            <EvidencePhotos />
          </Form.Item>
          <Form.Item name="confidential" valuePropName="checked">
            <Checkbox>保密（不在任何公开列表中显示）</Checkbox>
          </Form.Item>
          {mayAcceptAtIntake(who.role) && (
            <Form.Item name="acceptNow" valuePropName="checked">
              <Checkbox data-testid="intake-accept-now">登记后立即受理</Checkbox>
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="intake-submit">
              提交代录
            </Button>
            <Button onClick={back}>取消</Button>
          </Space>
        </Form>
      </Card>
    </section>
  );
}

/** The visits a problem may be filed against: begun and not cancelled (the service checks again), plus the one asked for. */
function useVisitsUnderWay(wanted: boolean, preset: number | undefined): VisitSummaryView[] {
  const [visits, setVisits] = useState<VisitSummaryView[]>([]);
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    void Promise.all([
      api.visitList({ status: 'held' }).catch(() => ({ items: [] as VisitSummaryView[] })),
      api.visitList({ status: 'planned' }).catch(() => ({ items: [] as VisitSummaryView[] })),
      preset ? api.visitDetail(preset).catch(() => null) : Promise.resolve(null),
    ]).then(([held, planned, one]) => {
      if (cancelled) return;
      const begun = [...planned.items.filter((v) => Date.parse(v.startsAt) <= Date.now()), ...held.items];
      const all = one && !begun.some((v) => v.id === one.id) ? [one, ...begun] : begun;
      setVisits(all);
    });
    return () => {
      cancelled = true;
    };
  }, [wanted, preset]);
  return visits;
}
