import type { ConcernDetailView, PublicCaseAdminView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { communityApi } from '../api/community-endpoints';
import { AdminProviders } from '../app/providers';
import { FollowersTag, PublicCaseCard } from './public-case-card';

function card(extra: Partial<PublicCaseAdminView> = {}): PublicCaseAdminView {
  return {
    consent: true,
    eligible: true,
    status: 'unpublished',
    text: '*阿姨反映：三号楼楼道堆物，电话[电话]。',
    reply: '已清理楼道堆物。',
    photoIds: [],
    candidatePhotoIds: [],
    publishedAt: null,
    withdrawnAt: null,
    ...extra,
  };
}

function detail(extra: Partial<ConcernDetailView> = {}): ConcernDetailView {
  return {
    id: 7,
    code: 'XH20261124-0007',
    status: 'closed',
    title: '楼道堆物',
    streetId: 2,
    compoundId: 5,
    categoryId: 9,
    departmentId: 11,
    source: 'miniapp',
    confidential: false,
    escalated: false,
    dueAt: null,
    dueKind: null,
    dueProvisional: false,
    overdue: false,
    createdAt: '2026-11-24T01:00:00Z',
    updatedAt: '2026-11-24T01:00:00Z',
    description: '楼道里堆满杂物',
    requestType: 'complaint',
    photoIds: [],
    latitude: null,
    longitude: null,
    address: null,
    phone: null,
    coHandlerIds: [],
    reopenCount: 0,
    returnCount: 0,
    resolveDueAt: null,
    resolveDueProvisional: false,
    mergedIntoId: null,
    solved: true,
    satisfaction: 'satisfied',
    ratingComment: null,
    timeline: [],
    followerCount: 0,
    publicCase: card(),
    ...extra,
  };
}

function renderCard(d: ConcernDetailView, onChanged = vi.fn()) {
  render(
    <AdminProviders>
      <PublicCaseCard detail={d} onChanged={onChanged} />
      <FollowersTag detail={d} />
    </AdminProviders>,
  );
  return onChanged;
}

describe(PublicCaseCard.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows nothing on an open concern that was never published', () => {
    renderCard(detail({ status: 'in_progress', publicCase: card({ eligible: false }) }));
    expect(screen.queryByText('公开案例')).toBeNull();
  });

  it('says when the reporter did not agree, and offers no publish button', () => {
    renderCard(detail({ publishConsent: false, publicCase: card({ consent: false, eligible: false }) }));
    expect(screen.getByText('居民提交时未同意公开，此诉求不能公开到“已办结”栏目。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '公开' })).toBeNull();
  });

  it('previews the edited text masked and publishes it, checked with the shared schema first', async () => {
    const publish = vi.spyOn(communityApi, 'publishCase').mockResolvedValue(card({ status: 'published' }));
    const onChanged = renderCard(detail());
    expect(screen.getByText('居民同意公开')).toBeTruthy();
    const text = screen.getByLabelText('公开的诉求内容');
    fireEvent.change(text, { target: { value: '短' } });
    fireEvent.click(screen.getByRole('button', { name: '公开' }));
    expect(await screen.findByText(/公开的诉求内容至少 5 个字/)).toBeTruthy();
    expect(publish).not.toHaveBeenCalled();

    fireEvent.change(text, { target: { value: '李先生说楼道堆物，联系13812345678。' } });
    expect(screen.getByText('*先生说楼道堆物，联系[电话]。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '公开' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(publish).toHaveBeenCalledWith(7, { text: '李先生说楼道堆物，联系13812345678。', reply: '已清理楼道堆物。', photoIds: [] });
  });

  it('withdraws a published case after a confirmation', async () => {
    const unpublish = vi.spyOn(communityApi, 'unpublishCase').mockResolvedValue(card({ status: 'withdrawn' }));
    const onChanged = renderCard(detail({ publicCase: card({ status: 'published', publishedAt: '2026-11-25T01:00:00Z' }) }));
    expect(screen.getByText('已公开')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '撤回公开' }));
    fireEvent.click(await screen.findByRole('button', { name: '撤回' }));
    await waitFor(() => expect(unpublish).toHaveBeenCalledWith(7));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('counts the people who reported it: the reporter and the followers, with the followers’ ratings apart', () => {
    renderCard(
      detail({
        followerCount: 1,
        followerRatings: { rated: 1, solved: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 1 },
      }),
    );
    expect(screen.getByLabelText('反映人数').textContent).toBe('2 人反映（附议 1 人）');
    expect(screen.getByText('附议人评价 1 条：满意 0、基本满意 0、不满意 1')).toBeTruthy();
  });
});
