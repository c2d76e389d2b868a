import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DueCountdown } from './due-countdown';

describe(DueCountdown.name, () => {
  const now = Date.parse('2026-12-28T02:00:00Z');
  const dueAt = '2027-01-05T09:30:00Z';

  it('marks a deadline counted over a year nobody has entered as 暂定', () => {
    render(<DueCountdown dueAt={dueAt} dueKind="resolve" now={now} provisional />);
    expect(screen.getByText(/^办结 剩余/)).toBeTruthy();
    expect(screen.getByTestId('due-provisional').textContent).toBe('暂定');
  });

  it('says nothing more of a deadline counted on entered years', () => {
    render(<DueCountdown dueAt={dueAt} dueKind="resolve" now={now} />);
    expect(screen.queryByTestId('due-provisional')).toBeNull();
  });

  it('names the 回访期 of a concern without the app, and says it is overdue once passed', () => {
    render(<DueCountdown dueAt="2026-12-27T02:00:00Z" dueKind="callback" now={now} />);
    expect(screen.getByText(/^回访 /)).toBeTruthy();
    expect(screen.getByText(/已超期/)).toBeTruthy();
  });
});
