import type { NewsDetailView } from '@manyi/shared';
import { render, screen } from '@testing-library/react';

import { ArticleBody } from './news-article';

const detail: NewsDetailView = {
  id: 1,
  streetCode: 'fenglin',
  streetName: '枫林路街道',
  title: '枫林街道启用首个“一老一小”综合服务站',
  summary: '',
  coverUrl: null,
  source: '记者 林晓',
  publishedAt: '2026-11-19T16:00:00.000Z',
  isDemo: false,
  body: [
    { type: 'paragraph', text: '11月18日上午，服务站启用。' },
    { type: 'subhead', text: '老人吃上热乎饭' },
    { type: 'paragraph', text: '每天中午，助餐点提供两荤两素一汤。' },
  ],
};

describe(ArticleBody.name, () => {
  it('shows a subhead as a bold line of its own between the paragraphs, as plain text', () => {
    const { container } = render(<ArticleBody detail={detail} />);

    const subhead = screen.getByText('老人吃上热乎饭');
    expect(subhead.className).toContain('article__subhead');
    const order = [...container.querySelectorAll('.article__paragraph, .article__subhead')].map((n) => n.textContent);
    expect(order).toEqual(['11月18日上午，服务站启用。', '老人吃上热乎饭', '每天中午，助餐点提供两荤两素一汤。']);
  });
});
