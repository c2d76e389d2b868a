import {
  CONCERN_SOURCE_LABELS,
  CONCERN_SOURCES,
  CONCERN_STATUS_LABELS,
  CONCERN_STATUSES,
  type ConcernSource,
  type ConcernStatus,
  type InboxSort,
} from '@manyi/shared';
import { Button, Checkbox, Input, Select, Space } from 'antd';
import { useState } from 'react';
import type { InboxFilters } from '../api/endpoints';
import type { Directory } from '../app/directory';

const STATUS_OPTIONS = CONCERN_STATUSES.map((s) => ({ value: s, label: CONCERN_STATUS_LABELS[s] }));
const SOURCE_OPTIONS = CONCERN_SOURCES.map((s) => ({ value: s, label: CONCERN_SOURCE_LABELS[s] }));
/** 多人反映: most followed first (附议人数), else the usual most urgent first. */
const SORT_OPTIONS: { value: InboxSort; label: string }[] = [
  { value: 'urgency', label: '按紧急程度' },
  { value: 'followers', label: '按附议人数' },
];

export interface InboxFilterBarProps {
  filters: InboxFilters;
  onChange: (filters: InboxFilters) => void;
  onReset: () => void;
  directory: Directory;
  /** Only staff without a street of their own (the supervisor) pick one. */
  showStreet: boolean;
  /** Handlers see their own department only. */
  showDepartment: boolean;
}

/** Status, street, department, category, source, overdue and text: each change asks the service again from the first page. */
export function InboxFilterBar({ filters, onChange, onReset, directory, showStreet, showDepartment }: InboxFilterBarProps) {
  // The text box keeps what is typed; the search runs on Enter or the button.
  const [text, setText] = useState(filters.q ?? '');
  return (
    <Space wrap className="inbox-filters" role="search" aria-label="筛选诉求">
      <Select<ConcernStatus[]>
        mode="multiple"
        allowClear
        aria-label="状态"
        placeholder="全部状态"
        className="filter-status"
        maxTagCount={3}
        options={STATUS_OPTIONS}
        value={[...(filters.status ?? [])]}
        onChange={(status) => onChange({ ...filters, status })}
      />
      {showStreet && (
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label="街道"
          placeholder="全部街道"
          className="filter-street"
          options={directory.streets.map((s) => ({ value: s.code, label: s.name }))}
          value={filters.street}
          onChange={(street) => onChange({ ...filters, street })}
        />
      )}
      {showDepartment && (
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label="承办部门"
          placeholder="全部部门"
          className="filter-department"
          options={directory.departments.map((d) => ({ value: d.id, label: d.name }))}
          value={filters.department}
          onChange={(department) => onChange({ ...filters, department })}
        />
      )}
      <Select<number>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label="类别"
        placeholder="全部类别"
        className="filter-category"
        // A parent category (市容环境) takes in its children: the service filters by the tree.
        options={directory.categories.map((c) => ({ value: c.id, label: c.parentId ? `\u3000${c.name}` : c.name }))}
        value={filters.category}
        onChange={(category) => onChange({ ...filters, category })}
      />
      <Select<ConcernSource>
        allowClear
        aria-label="来源"
        placeholder="全部来源"
        className="filter-source"
        options={SOURCE_OPTIONS}
        value={filters.source}
        onChange={(source) => onChange({ ...filters, source })}
      />
      <Checkbox
        aria-label="多人反映"
        checked={filters.multi === true}
        onChange={(event) => onChange({ ...filters, multi: event.target.checked ? true : undefined })}
      >
        多人反映
      </Checkbox>
      <Select<InboxSort>
        aria-label="排序"
        className="filter-sort"
        options={SORT_OPTIONS}
        value={filters.sort ?? 'urgency'}
        onChange={(sort) => onChange({ ...filters, sort: sort === 'followers' ? 'followers' : undefined })}
      />
      <Checkbox
        aria-label="只看已超期"
        checked={filters.overdue === true}
        onChange={(event) => onChange({ ...filters, overdue: event.target.checked ? true : undefined })}
      >
        只看已超期
      </Checkbox>
      <Input.Search
        allowClear
        aria-label="搜索"
        placeholder="编号、标题或描述（按 / 搜索）"
        className="filter-q"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(q) => onChange({ ...filters, q: q.trim() || undefined })}
        enterButton="搜索"
      />
      <Button
        onClick={() => {
          setText('');
          onReset();
        }}
      >
        重置
      </Button>
    </Space>
  );
}
