import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { buildDirectory } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { InboxFilterBar } from './inbox-filters';

const directory = buildDirectory(
  [{ id: 2, code: 'xietu', name: '斜土路街道', kind: 'street' }],
  [{ id: 11, code: 'xietu-guanli', name: '斜土社区管理办', kind: 'street_office', streetCode: 'xietu' }],
  [],
);

function renderBar(props: { showStreet?: boolean; showDepartment?: boolean } = {}) {
  const onChange = vi.fn();
  const onReset = vi.fn();
  render(
    <AdminProviders>
      <InboxFilterBar
        filters={{ status: ['submitted'] }}
        onChange={onChange}
        onReset={onReset}
        directory={directory}
        showStreet={props.showStreet ?? false}
        showDepartment={props.showDepartment ?? true}
      />
    </AdminProviders>,
  );
  return { onChange, onReset };
}

describe(InboxFilterBar.name, () => {
  it('searches the text on Enter, keeping the other filters', () => {
    const { onChange } = renderBar();
    const box = screen.getByRole('searchbox', { name: '搜索' });
    fireEvent.change(box, { target: { value: ' 电梯 ' } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onChange).toHaveBeenCalledWith({ status: ['submitted'], q: '电梯' });
  });

  it('shows the status of the view as chosen', () => {
    renderBar();
    expect(screen.getByTitle('待受理')).toBeTruthy();
  });

  it('shows the street filter only to those without a street of their own, the department one except to handlers', () => {
    renderBar({ showStreet: false, showDepartment: false });
    expect(screen.queryByRole('combobox', { name: '街道' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: '承办部门' })).toBeNull();
    expect(screen.getByRole('combobox', { name: '状态' })).toBeTruthy();
  });

  it('clears the text and asks for the view again on 重置', () => {
    const { onReset } = renderBar();
    const box = screen.getByRole('searchbox', { name: '搜索' }) as HTMLInputElement;
    fireEvent.change(box, { target: { value: '噪音' } });
    fireEvent.click(screen.getByRole('button', { name: '重置' }));
    expect(onReset).toHaveBeenCalled();
    expect(box.value).toBe('');
  });

  it('asks for 多人反映 (concerns with followers) keeping the other filters', () => {
    const { onChange } = renderBar();
    fireEvent.click(screen.getByRole('checkbox', { name: '多人反映' }));
    expect(onChange).toHaveBeenCalledWith({ status: ['submitted'], multi: true });
  });

  it('sorts by the most urgent by default and offers the most followed', () => {
    renderBar();
    expect(screen.getByTitle('按紧急程度')).toBeTruthy();
  });
});
