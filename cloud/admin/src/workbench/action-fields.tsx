import {
  CONCERN_STATUSES,
  FINAL_CONCERN_STATUSES,
  MAX_CONCERN_PHOTOS,
  RETURN_REASON_LABELS,
  RETURN_REASONS,
  type ConcernDetailView,
  type ConcernSummaryView,
  type StaffConcernAction,
} from '@manyi/shared';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Form, Input, InputNumber, Select, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api } from '../api/endpoints';
import type { Directory } from '../app/directory';
import { KnowledgePanel } from './knowledge-panel';
import { ReplyTemplatePicker } from './reply-template-picker';

/** The form values each action starts from (the routing suggestion for a dispatch). */
export function initialValues(action: StaffConcernAction, detail: ConcernDetailView): Record<string, unknown> {
  if (action === 'dispatch') {
    const departmentId = detail.suggestedDepartmentId ?? detail.departmentId ?? undefined;
    return { departmentId, coHandlerIds: (detail.suggestedCoHandlerIds ?? []).filter((id) => id !== departmentId) };
  }
  if (action === 'extend') return { workingDays: 1 };
  // 协办: the parts given for the reply (用于答复) start the lead's text, to edit as they see fit.
  if (action === 'reply') {
    const parts = (detail.coHandlers ?? []).filter((h) => h.status === 'submitted' && h.partVisibility === 'reply' && h.partText);
    if (parts.length > 0) return { text: parts.map((h) => h.partText).join('\n') };
  }
  return {};
}

/** The fields of an action's body schema; actions without a body only ask for confirmation. */
export function ActionFields({
  action,
  detail,
  directory,
}: {
  action: StaffConcernAction;
  detail: ConcernDetailView;
  directory: Directory;
}) {
  switch (action) {
    case 'reject':
      return (
        <>
          <ReplyTemplatePicker kind="rejection" detail={detail} field="reason" />
          <Form.Item name="reason" label="不予受理理由（居民可见）" required>
            <Input.TextArea rows={3} maxLength={200} showCount autoFocus />
          </Form.Item>
          <KnowledgePanel field="reason" />
        </>
      );
    case 'merge':
      return (
        <Form.Item name="intoId" label="并入诉求" required extra="只能并入同一街道内尚未办结的诉求">
          <MergeTargetSelect detail={detail} />
        </Form.Item>
      );
    case 'dispatch':
      return <DispatchFields detail={detail} directory={directory} />;
    case 'return':
      return (
        <>
          <Form.Item name="reason" label="退单原因" required>
            <Select autoFocus placeholder="请选择" options={RETURN_REASONS.map((r) => ({ value: r, label: RETURN_REASON_LABELS[r] }))} />
          </Form.Item>
          <Form.Item name="note" label="退单说明（内部）" required>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </>
      );
    case 'extend':
      return (
        <>
          {/* The most days per extension is an admin's setting (时限设置) the handler cannot read: the service checks it and says the limit. */}
          <Form.Item name="workingDays" label="延期工作日" required extra="每次最多天数以时限设置为准，需派单员批准">
            <InputNumber min={1} precision={0} autoFocus />
          </Form.Item>
          <Form.Item name="reason" label="延期理由（内部）" required>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </>
      );
    case 'approve-extension':
      return detail.pendingExtensionDays ? (
        <Alert type="info" showIcon title={`经办部门申请延期 ${detail.pendingExtensionDays} 个工作日`} />
      ) : (
        <Alert type="warning" showIcon title="没有待批准的延期申请" />
      );
    case 'reply':
      return (
        <>
          <ReplyTemplatePicker kind="reply" detail={detail} field="text" />
          <Form.Item name="text" label="答复内容（审核通过后居民可见）" required>
            <Input.TextArea rows={5} maxLength={2000} showCount autoFocus />
          </Form.Item>
          <KnowledgePanel field="text" />
          <Form.Item name="photoIds" label="佐证照片（审核通过后居民可见）" extra={`最多 ${MAX_CONCERN_PHOTOS} 张`}>
            <EvidencePhotos />
          </Form.Item>
          <Form.Item name="internalNote" label="内部备注（仅工作人员可见）">
            <Input.TextArea rows={2} maxLength={1000} showCount />
          </Form.Item>
        </>
      );
    case 'send-back':
      return (
        <Form.Item name="reason" label="退回理由（内部）" required>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      );
    case 'note':
      return (
        <Form.Item name="text" label="内部备注（仅工作人员可见）" required>
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus />
        </Form.Item>
      );
    case 'chase':
      return (
        <Form.Item name="text" label="催办说明（内部，可不填）">
          <Input.TextArea rows={2} maxLength={500} showCount autoFocus />
        </Form.Item>
      );
    default:
      return null;
  }
}

function DispatchFields({ detail, directory }: { detail: ConcernDetailView; directory: Directory }) {
  const streetCode = directory.streetById.get(detail.streetId)?.code;
  // A street's own offices and the district units serve it; another street's offices do not.
  const serving = directory.departments.filter((d) => d.streetCode === null || d.streetCode === streetCode);
  const option = (d: { id: number; name: string }) => ({
    value: d.id,
    label: d.id === detail.suggestedDepartmentId ? `${d.name}（建议）` : d.name,
  });
  const options = [
    { label: '街道科室', options: serving.filter((d) => d.streetCode !== null).map(option) },
    { label: '区职能部门', options: serving.filter((d) => d.streetCode === null).map(option) },
  ];
  return (
    <>
      <Form.Item
        name="departmentId"
        label="主办部门"
        required
        extra={detail.suggestedDepartmentId ? '已按派单规则预选建议部门，可以更改' : '没有匹配的派单规则，请选择部门'}
      >
        <Select showSearch={{ optionFilterProp: 'label' }} options={options} placeholder="请选择主办部门" autoFocus />
      </Form.Item>
      <Form.Item name="coHandlerIds" label="协办部门（可选，最多 5 个）">
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={options} placeholder="不需要协办可不选" />
      </Form.Item>
    </>
  );
}

const OPEN_STATUSES = CONCERN_STATUSES.filter((s) => !(FINAL_CONCERN_STATUSES as readonly string[]).includes(s));

/** Another open concern of the same street, found by code or words of its title. */
function MergeTargetSelect({ detail, value, onChange }: { detail: ConcernDetailView; value?: number; onChange?: (id: number) => void }) {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<{ search: string; items: ConcernSummaryView[] } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api
        .inbox({ status: OPEN_STATUSES, q: search || undefined }, null, controller.signal)
        .then((page) => setFound({ search, items: page.items.filter((c) => c.id !== detail.id && c.streetId === detail.streetId) }))
        .catch(() => undefined);
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [search, detail.id, detail.streetId]);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder="输入编号或标题搜索"
      loading={found?.search !== search}
      value={value}
      onChange={onChange}
      options={(found?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.title}` }))}
      notFoundContent="没有可并入的诉求"
      autoFocus
    />
  );
}

/**
 * 佐证照片: each photo is uploaded (POST /uploads, with the bearer token) as soon as it is chosen; the
 * form's value is the ids of those that arrived, in order, which the reply body carries as `photoIds`.
 */
export function EvidencePhotos({ value, onChange }: { value?: number[]; onChange?: (ids: number[]) => void }) {
  const [files, setFiles] = useState<UploadFile<{ id: number }>[]>([]);
  const publish = (next: UploadFile<{ id: number }>[]) => {
    setFiles(next);
    onChange?.(next.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id));
  };
  return (
    <Upload<{ id: number }>
      listType="picture-card"
      accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
      multiple
      maxCount={MAX_CONCERN_PHOTOS}
      fileList={files}
      data-count={value?.length ?? 0}
      customRequest={({ file, onSuccess, onError }) => {
        const blob = file as File;
        api
          .upload(blob, blob.name || 'photo.jpg')
          .then((photo) => onSuccess?.(photo))
          .catch((error: unknown) => onError?.(Object.assign(new Error(errorMessage(error)), { status: 0 })));
      }}
      onChange={({ fileList }) => publish(fileList.map((f) => (f.status === 'error' ? { ...f, response: undefined, error: f.error } : f)))}
    >
      {files.length < MAX_CONCERN_PHOTOS && (
        <button type="button" className="upload-button" aria-label="添加照片">
          <PlusOutlined />
          <div>添加照片</div>
        </button>
      )}
    </Upload>
  );
}
