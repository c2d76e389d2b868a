import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { communityApi } from '../../api/community-endpoints';
import { AdminProviders } from '../../app/providers';
import { MostFollowedCard } from './most-followed-card';

function renderCard() {
  render(
    <AdminProviders>
      <MostFollowedCard />
    </AdminProviders>,
  );
}

describe(MostFollowedCard.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the most-followed open concerns with the people who reported each', async () => {
    vi.spyOn(communityApi, 'mostFollowed').mockResolvedValue({
      items: [
        {
          id: 7,
          code: 'XH20261124-0007',
          title: '楼道堆物',
          status: 'in_progress',
          streetId: 2,
          compoundId: 5,
          compoundName: '恒益',
          followerCount: 3,
          createdAt: '2026-11-24T01:00:00Z',
        },
      ],
    });
    renderCard();
    expect(await screen.findByText('楼道堆物')).toBeTruthy();
    expect(screen.getByText('4 人反映')).toBeTruthy();
    expect(screen.getByText(/恒益 · 办理中/)).toBeTruthy();
  });

  it('says when nobody follows an open concern', async () => {
    vi.spyOn(communityApi, 'mostFollowed').mockResolvedValue({ items: [] });
    renderCard();
    expect(await screen.findByText('目前没有居民附议的未办结诉求')).toBeTruthy();
  });
});
