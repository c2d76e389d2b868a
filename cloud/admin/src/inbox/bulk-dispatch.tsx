import type { BulkDispatchOutcome, ConcernSummaryView, DepartmentView } from '@manyi/shared';
import { Alert, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api } from '../api/endpoints';
import { nameOf, type Directory } from '../app/directory';

/** A row's choice: undefined = the routing rules' suggestion, else the department picked. */
type Choice = number | undefined;

/**
 * 批量派单: the selected concerns, each to its suggested department unless another is picked (one by
 * one, or all at once). The service dispatches each on its own and reports each; a concern someone
 * else moved on meanwhile fails alone, with the reason shown on its line.
 */
export function BulkDispatchModal({
  concerns,
  directory,
  onClose,
  onDone,
}: {
  concerns: ConcernSummaryView[];
  directory: Directory;
  onClose: () => void;
  /** After the service answered: the list reloads. */
  onDone: () => void;
}) {
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const [suggested, setSuggested] = useState<Record<number, number | null>>({});
  const [results, setResults] = useState<Record<number, BulkDispatchOutcome> | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The suggestion of each concern, to show what "建议部门" means on its line.
  useEffect(() => {
    const controller = new AbortController();
    for (const c of concerns)
      api
        .concern(c.id, controller.signal)
        .then((d) => setSuggested((prev) => ({ ...prev, [c.id]: d.suggestedDepartmentId ?? null })))
        .catch(() => undefined);
    return () => controller.abort();
  }, [concerns]);

  const departmentsFor = (c: ConcernSummaryView): DepartmentView[] => {
    const streetCode = directory.streetById.get(c.streetId)?.code;
    return directory.departments.filter((d) => d.streetCode === null || d.streetCode === streetCode);
  };
  const allDepartments = directory.departments.map((d) => ({ value: d.id, label: d.name }));

  const submit = async () => {
    setSubmitting(true);
    setError(null);
    try {
      const answer = await api.bulkDispatch({
        items: concerns.map((c) => (choices[c.id] ? { id: c.id, departmentId: choices[c.id] } : { id: c.id })),
      });
      setResults(Object.fromEntries(answer.results.map((r) => [r.id, r])));
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  const succeeded = results ? Object.values(results).filter((r) => r.ok).length : 0;

  return (
    <Modal
      open
      width={880}
      title={`批量派单（${concerns.length} 条）`}
      okText={results ? '完成' : '确认派单'}
      cancelText="取消"
      okButtonProps={{ loading: submitting }}
      cancelButtonProps={{ style: results ? { display: 'none' } : undefined }}
      onOk={results ? onClose : submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" className="full-width">
        {!results && (
          <Space wrap>
            <Typography.Text>全部派至</Typography.Text>
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label="全部派至"
              placeholder="各自的建议部门"
              className="bulk-all"
              options={allDepartments}
              onChange={(departmentId) => setChoices(Object.fromEntries(concerns.map((c) => [c.id, departmentId])))}
            />
          </Space>
        )}
        {results && (
          <Alert
            type={succeeded === concerns.length ? 'success' : 'warning'}
            showIcon
            title={`已派出 ${succeeded} 条${succeeded < concerns.length ? `，${concerns.length - succeeded} 条未派出（原因见下）` : ''}`}
          />
        )}
        {error && <Alert type="error" showIcon title={error} />}
        <Table<ConcernSummaryView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={concerns}
          columns={[
            { title: '编号', dataIndex: 'code', width: 170 },
            { title: '标题', dataIndex: 'title', ellipsis: true },
            {
              title: '主办部门',
              width: 280,
              render: (_: unknown, c) => {
                const s = suggested[c.id];
                return (
                  <Select<number>
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    aria-label={`${c.code} 的主办部门`}
                    className="full-width"
                    disabled={results !== null}
                    placeholder={
                      s === undefined ? '建议部门' : s === null ? '没有建议，请选择' : `${nameOf(directory.departmentById, s)}（建议）`
                    }
                    options={departmentsFor(c).map((d) => ({ value: d.id, label: d.id === s ? `${d.name}（建议）` : d.name }))}
                    value={choices[c.id]}
                    onChange={(departmentId) => setChoices((prev) => ({ ...prev, [c.id]: departmentId }))}
                  />
                );
              },
            },
            {
              title: '结果',
              width: 200,
              render: (_: unknown, c) => {
                const r = results?.[c.id];
                if (!r) return <Typography.Text type="secondary">—</Typography.Text>;
                return r.ok ? (
                  <Tag color="success" data-result="ok">
                    已派至{nameOf(directory.departmentById, r.departmentId)}
                  </Tag>
                ) : (
                  <Typography.Text type="danger" data-result={r.code}>
                    {r.message}
                  </Typography.Text>
                );
              },
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
