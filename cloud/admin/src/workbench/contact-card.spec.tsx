import type { ConcernDetailView } from '@manyi/shared';
import { ApiError } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followUpApi } from '../api/follow-up-endpoints';
import { DirectoryContext } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { ContactCard } from './contact-card';
import { FIXTURE_NOW, fixtureDetail, fixtureDirectory } from './detail-fixture';

function renderCard(detail: ConcernDetailView, onChanged = vi.fn()) {
  render(
    <AdminProviders>
      <DirectoryContext.Provider value={fixtureDirectory}>
        <ContactCard detail={detail} now={FIXTURE_NOW} onChanged={onChanged} />
      </DirectoryContext.Provider>
    </AdminProviders>,
  );
  return onChanged;
}

describe(ContactCard.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('is not there for a dispatcher before anyone contacted the resident', () => {
    renderCard(fixtureDetail('dispatcher', 'in_progress'));
    expect(screen.queryByText('先联系')).toBeNull();
  });

  it('shows the handler the running 先联系时限, marked when it has passed', () => {
    renderCard(fixtureDetail('handler', 'in_progress', { dueKind: 'contact', dueAt: '2026-11-24T02:00:00Z', overdue: true }));
    expect(screen.getByText('尚未联系居民')).toBeTruthy();
    const due = document.querySelector('.contact-due') as HTMLElement;
    expect(due.dataset.overdue).toBe('true');
    expect(within(due).getByText('已超时限')).toBeTruthy();
  });

  it('does not mark a 先联系时限 still ahead', () => {
    renderCard(fixtureDetail('handler', 'in_progress', { dueKind: 'contact', dueAt: '2026-11-24T06:00:00Z' }));
    const due = document.querySelector('.contact-due') as HTMLElement;
    expect(due.dataset.overdue).toBe('false');
    expect(within(due).queryByText('已超时限')).toBeNull();
  });

  it('lists the contacts made, to a dispatcher too, without a form', () => {
    renderCard(
      fixtureDetail('dispatcher', 'in_progress', {
        contacts: [
          {
            id: 1,
            method: 'phone',
            contactedAt: '2026-11-24T01:30:00Z',
            note: '居民说晚上异味最重',
            staffName: '李经办',
            createdAt: '2026-11-24T01:31:00Z',
          },
          {
            id: 2,
            method: 'visit',
            contactedAt: '2026-11-24T02:30:00Z',
            note: null,
            staffName: '李经办',
            createdAt: '2026-11-24T02:31:00Z',
          },
        ],
      }),
    );
    expect(screen.getByText('已联系 2 次')).toBeTruthy();
    const records = within(screen.getByRole('list', { name: '联系记录' })).getAllByRole('listitem');
    expect(records.map((r) => r.textContent)).toEqual([expect.stringContaining('电话联系'), expect.stringContaining('上门联系')]);
    expect(screen.getByText('居民说晚上异味最重')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /联系/ })).toBeNull();
  });

  it('sends the handler’s contact — how, when and the note — and reloads the concern', async () => {
    const contact = vi.spyOn(followUpApi, 'contact').mockResolvedValue({} as never);
    const changed = renderCard(fixtureDetail('handler', 'in_progress', { dueKind: 'contact', dueAt: '2026-11-24T06:00:00Z' }));
    const opened = Date.now();
    fireEvent.click(screen.getByRole('button', { name: '记录联系' }));
    expect(screen.getByText('居民看到的是「经办人已与您联系」')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('上门联系'));
    fireEvent.change(screen.getByLabelText('联系情况（仅工作人员可见）'), { target: { value: '  已约周四上午一起查看垃圾房  ' } });
    fireEvent.click(screen.getByRole('button', { name: '保存联系记录' }));
    await waitFor(() =>
      expect(contact).toHaveBeenCalledWith(7, expect.objectContaining({ method: 'visit', note: '已约周四上午一起查看垃圾房' })),
    );
    // When: the moment the form was opened, unless changed (a contact right after signing must not predate it).
    const sentAt = Date.parse(contact.mock.calls[0]![1].contactedAt);
    expect(sentAt).toBeGreaterThanOrEqual(opened - 1000);
    expect(sentAt).toBeLessThanOrEqual(Date.now());
    await waitFor(() => expect(changed).toHaveBeenCalled());
  });

  it('offers a second contact (the second 先联) once one is recorded', () => {
    renderCard(
      fixtureDetail('handler', 'in_progress', {
        contacts: [
          { id: 1, method: 'phone', contactedAt: '2026-11-24T01:30:00Z', note: null, staffName: null, createdAt: '2026-11-24T01:31:00Z' },
        ],
      }),
    );
    expect(screen.getByRole('button', { name: '再次联系' })).toBeTruthy();
  });

  it('says what the service refused and keeps the form open', async () => {
    vi.spyOn(followUpApi, 'contact').mockRejectedValue(
      new ApiError({ code: 'VALIDATION_FAILED', status: 400, message: '联系时间不能早于签收时间', details: null }),
    );
    const changed = renderCard(fixtureDetail('handler', 'in_progress'));
    fireEvent.click(screen.getByRole('button', { name: '记录联系' }));
    fireEvent.click(screen.getByRole('button', { name: '保存联系记录' }));
    expect(await screen.findByText('联系时间不能早于签收时间')).toBeTruthy();
    expect(screen.getByRole('button', { name: '保存联系记录' })).toBeTruthy();
    expect(changed).not.toHaveBeenCalled();
  });
});
