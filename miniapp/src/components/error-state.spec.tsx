import { fireEvent, render, screen } from '@testing-library/react';

import { ErrorState } from './error-state';

describe(ErrorState.name, () => {
  it('shows the message it is given', () => {
    render(<ErrorState message="网络连接失败，请检查网络后重试" onRetry={() => undefined} />);

    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  });

  it('calls onRetry when 重试 is pressed', () => {
    const onRetry = jest.fn();
    render(<ErrorState message="加载失败" onRetry={onRetry} />);

    fireEvent.click(screen.getByText('重试'));

    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers no 重试 button when there is nothing to retry', () => {
    render(<ErrorState message="加载失败" />);

    expect(screen.queryByText('重试')).toBeNull();
  });
});
