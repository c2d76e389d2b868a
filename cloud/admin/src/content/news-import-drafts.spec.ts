import type { NewsDraftView } from '@manyi/shared';
import { describe, expect, it } from 'vitest';
import { draftRequest, joinWithPrevious, splitAtSubhead } from './news-import-drafts';

const draft = (title: string, extra: Partial<NewsDraftView> = {}): NewsDraftView => ({
  street: 'xietu',
  title,
  body: [{ type: 'paragraph', text: `${title}的正文。` }],
  source: null,
  publishedAt: null,
  notes: [],
  ...extra,
});

describe('the import preview’s join and split', () => {
  it('joins a draft to the one before: its title becomes a subhead, the first source and date win, the guess is gone', () => {
    const drafts = [
      draft('楼道微更新', { source: '记者 周琪', publishedAt: '2026-11-26T16:00:00.000Z' }),
      draft('扩大试点范围', { source: '别的来源', notes: [{ kind: 'start-guess', text: '扩大试点范围' }] }),
      draft('另一篇'),
    ];

    const sut = joinWithPrevious(drafts, 1);

    expect(sut.map((d) => d.title)).toEqual(['楼道微更新', '另一篇']);
    expect(sut[0]).toEqual({
      street: 'xietu',
      title: '楼道微更新',
      body: [
        { type: 'paragraph', text: '楼道微更新的正文。' },
        { type: 'subhead', text: '扩大试点范围' },
        { type: 'paragraph', text: '扩大试点范围的正文。' },
      ],
      source: '记者 周琪',
      publishedAt: '2026-11-26T16:00:00.000Z',
      notes: [],
    });
  });

  it('splits a draft at a subhead into two drafts with the same source and date, and does nothing at a paragraph', () => {
    const [one] = joinWithPrevious([draft('甲', { source: '通讯员 吴佳' }), draft('乙')], 1);

    const sut = splitAtSubhead([one!], 0, 1);

    expect(sut.map((d) => [d.title, d.body, d.source])).toEqual([
      ['甲', [{ type: 'paragraph', text: '甲的正文。' }], '通讯员 吴佳'],
      ['乙', [{ type: 'paragraph', text: '乙的正文。' }], '通讯员 吴佳'],
    ]);
    expect(splitAtSubhead([one!], 0, 0)).toEqual([one]);
  });

  it('sends a draft without its notes', () => {
    expect(draftRequest(draft('甲', { notes: [{ kind: 'joined', text: '参加活｜动。' }] }))).toEqual({
      street: 'xietu',
      title: '甲',
      body: [{ type: 'paragraph', text: '甲的正文。' }],
      source: null,
      publishedAt: null,
    });
  });
});
