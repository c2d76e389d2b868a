import { Button, Popconfirm } from 'antd';

/**
 * 停用 / 启用 with a confirmation saying what follows: the same button for directory entries and staff
 * accounts (both are disabled, never deleted, so history keeps its names).
 */
export function DisableToggle({
  disabled,
  whenEnabled,
  whenDisabled,
  onConfirm,
}: {
  disabled: boolean;
  /** What enabling brings back. */
  whenEnabled: string;
  /** What disabling stops. */
  whenDisabled: string;
  onConfirm: () => unknown;
}) {
  return (
    <Popconfirm title={disabled ? whenEnabled : whenDisabled} okText={disabled ? '启用' : '停用'} cancelText="取消" onConfirm={onConfirm}>
      <Button size="small" danger={!disabled}>
        {disabled ? '启用' : '停用'}
      </Button>
    </Popconfirm>
  );
}
