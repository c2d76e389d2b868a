import { EditOutlined } from '@ant-design/icons';
import { REQUEST_TYPE_RULES, REQUEST_TYPES, type ConcernDetailView } from '@manyi/shared';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api } from '../api/endpoints';
import { useCompounds } from '../common/use-compounds';
import { nameOf, useDirectory } from '../app/directory';
import { isConflict } from './use-concern-submit';
import { reclassifyBody, type ReclassifyFormValues } from './reclassify-form';

/**
 * 更正分类: before dispatch (the detail's `allowedActions` says when), triage corrects the category, the
 * compound — another street's hands the concern over to that street's inbox — and the request type. After
 * a hand-over the concern has left a dispatcher's inbox: the page goes back to the list.
 */
export function ReclassifyButton({
  detail,
  onChanged,
  onHandedOver,
}: {
  detail: ConcernDetailView;
  onChanged: () => void;
  onHandedOver: () => void;
}) {
  const [open, setOpen] = useState(false);
  if (!detail.allowedActions?.includes('reclassify')) return null;
  return (
    <>
      <Button icon={<EditOutlined />} data-testid="reclassify" onClick={() => setOpen(true)}>
        更正分类
      </Button>
      {open && (
        <ReclassifyDialog
          detail={detail}
          onClose={() => setOpen(false)}
          onDone={(handedOver) => {
            setOpen(false);
            if (handedOver) onHandedOver();
            else onChanged();
          }}
        />
      )}
    </>
  );
}

export function ReclassifyDialog({
  detail,
  onClose,
  onDone,
}: {
  detail: ConcernDetailView;
  onClose: () => void;
  onDone: (handedOver: boolean) => void;
}) {
  const { message } = App.useApp();
  const directory = useDirectory();
  const [form] = Form.useForm<ReclassifyFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const streetCode = Form.useWatch('streetCode', form) ?? directory.streetById.get(detail.streetId)?.code;
  const compounds = useCompounds(streetCode);
  const leaves = directory.categories.filter((c) => c.requestType !== null);
  const parentName = (id: number | null) => (id === null ? null : (directory.categoryById.get(id)?.name ?? null));

  const submit = async () => {
    const check = reclassifyBody(detail, form.getFieldsValue(true) as ReclassifyFormValues);
    if (!check.ok) {
      form.setFields(check.errors as Parameters<typeof form.setFields>[0]);
      return;
    }
    setSubmitting(true);
    try {
      const result = await api.reclassify(detail.id, check.body);
      message.success(
        result.handedOver ? `已更正，并移交至${nameOf(directory.streetById, result.concern.streetId)}办理` : '已更正分类，派单建议已更新',
      );
      onDone(result.handedOver);
    } catch (error) {
      message.error(errorMessage(error));
      // Someone moved it on (dispatched, say): show the concern as it is now.
      if (isConflict(error)) onDone(false);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={`更正分类 · ${detail.code}`}
      okText="确认更正"
      cancelText="取消"
      okButtonProps={{ loading: submitting }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: !submitting }}
    >
      <Form<ReclassifyFormValues>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{
          streetCode: directory.streetById.get(detail.streetId)?.code,
          compoundId: detail.compoundId,
          categoryId: detail.categoryId,
        }}
        onFinish={() => void submit()}
      >
        <Form.Item name="categoryId" label="诉求类别">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={leaves.map((c) => ({ value: c.id, label: [parentName(c.parentId), c.name].filter(Boolean).join(' / ') }))}
          />
        </Form.Item>
        <Form.Item name="streetCode" label="街道" extra="改为其他街道的小区，诉求将移交该街道办理">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={directory.streets.map((s) => ({ value: s.code, label: s.name }))}
            onChange={() => form.setFieldsValue({ compoundId: undefined })}
          />
        </Form.Item>
        <Form.Item name="compoundId" label="小区">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择小区"
            options={compounds.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item
          name="requestType"
          label="诉求性质"
          extra={`当前：${REQUEST_TYPE_RULES[detail.requestType].label}；不选则按所选类别的性质，办结时限随之重算`}
        >
          <Select
            allowClear
            placeholder="按类别"
            options={REQUEST_TYPES.map((t) => ({ value: t, label: `${REQUEST_TYPE_RULES[t].label}` }))}
          />
        </Form.Item>
        <Form.Item name="reason" label="更正理由（内部）" required>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
