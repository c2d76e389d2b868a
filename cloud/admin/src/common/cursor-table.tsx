import { Alert, Table, type TableProps } from 'antd';
import { LoadMore } from './load-more';
import type { useCursorList } from './use-cursor-list';

type CursorList<T> = ReturnType<typeof useCursorList<unknown, T>>;

interface CursorTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  list: CursorList<T>;
  /** Opens a row by click or Enter; the row is then focusable and named by `rowLabel` (instead of `onRow`). */
  onOpen?: (row: T) => void;
  rowLabel?: (row: T) => string;
}

/**
 * A page-at-a-time list as a table: the list's error above, its rows, 加载更多 below. Every staff list
 * (audit, staff, knowledge, news, visits, callbacks, escalations) reads the same way.
 */
export function CursorTable<T extends { id: number | string }>({ list, onOpen, rowLabel, onRow, ...table }: CursorTableProps<T>) {
  return (
    <>
      {list.error && <Alert className="inbox-error" type="error" showIcon title={list.error} />}
      <Table<T>
        size="small"
        rowKey="id"
        {...table}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        onRow={
          onOpen
            ? (row) => ({
                tabIndex: 0,
                'aria-label': rowLabel?.(row),
                onClick: () => onOpen(row),
                onKeyDown: (e) => {
                  if (e.key === 'Enter') onOpen(row);
                },
              })
            : onRow
        }
      />
      <LoadMore list={list} />
    </>
  );
}
