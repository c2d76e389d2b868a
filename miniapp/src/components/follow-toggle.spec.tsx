import { act, fireEvent, render, screen } from '@testing-library/react';

import { answerWith, failWith, sentRequest } from '../../test/taro-request';
import { FollowToggle } from './follow-toggle';

describe('附议 (FollowToggle)', () => {
  it('follows with the compound I report from, then shows how many reported it', async () => {
    answerWith(200, { concernId: 7, following: true, followerCount: 1 });
    render(<FollowToggle concernId={7} compoundId={3} following={false} />);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '我也遇到了' }));
    });

    expect(sentRequest(0)).toMatchObject({ url: '/api/v1/concerns/7/follow', method: 'POST', data: { compoundId: 3 } });
    expect(screen.getByRole('status').textContent).toContain('2 人反映');
    expect(screen.getByRole('button', { name: '取消附议' })).toBeTruthy();
  });

  it('stops following', async () => {
    answerWith(200, { concernId: 7, following: false, followerCount: 0 });
    render(<FollowToggle concernId={7} compoundId={3} following followerCount={1} />);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '取消附议' }));
    });

    expect(sentRequest(0)).toMatchObject({ url: '/api/v1/concerns/7/follow', method: 'DELETE' });
    expect(screen.getByRole('button', { name: '我也遇到了' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('1 人反映');
  });

  it('says why the service refused, and stays as it was', async () => {
    answerWith(403, { error: { code: 'FOLLOW_OTHER_COMPOUND', message: '只能附议本小区的诉求' } });
    render(<FollowToggle concernId={7} compoundId={4} following={false} />);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '我也遇到了' }));
    });

    expect(screen.getByRole('alert').textContent).toBe('只能附议本小区的诉求');
    expect(screen.getByRole('button', { name: '我也遇到了' })).toBeTruthy();
  });

  it('says the network failed when the service cannot be reached', async () => {
    failWith('request:fail');
    render(<FollowToggle concernId={7} compoundId={3} following={false} />);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '我也遇到了' }));
    });

    expect(screen.getByRole('alert').textContent).toContain('网络');
  });
});
