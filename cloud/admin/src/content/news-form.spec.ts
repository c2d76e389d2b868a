import { describe, expect, it } from 'vitest';
import { blocksToText, textToBlocks, validateNewsForm } from './news-form';

describe('the news editor form', () => {
  it('turns the body text into blocks — paragraphs between empty lines, 【图片】 lines as images — and back', () => {
    const text =
      '第一段，街道召开居民会议。\n会上通报了加装电梯进度。\n\n【图片】会议现场\n\n【图片 https://example.org/a.jpg】签约仪式\n\n  \n第二段。';
    const blocks = textToBlocks(text);
    expect(blocks).toEqual([
      { type: 'paragraph', text: '第一段，街道召开居民会议。\n会上通报了加装电梯进度。' },
      { type: 'image', url: null, caption: '会议现场' },
      { type: 'image', url: 'https://example.org/a.jpg', caption: '签约仪式' },
      { type: 'paragraph', text: '第二段。' },
    ]);
    expect(textToBlocks(blocksToText(blocks))).toEqual(blocks);
  });

  it('keeps subheads as 【小标题】 chunks, and sends a date only when one is set', () => {
    const blocks = textToBlocks('第一段。\n\n【小标题】老人吃上热乎饭\n\n第二段。');
    expect(blocks).toEqual([
      { type: 'paragraph', text: '第一段。' },
      { type: 'subhead', text: '老人吃上热乎饭' },
      { type: 'paragraph', text: '第二段。' },
    ]);
    expect(textToBlocks(blocksToText(blocks))).toEqual(blocks);

    const dated = validateNewsForm({ title: '标题', body: '正文。', publishedAt: new Date('2021-12-23T16:00:00.000Z') }, 'create');
    expect(dated.ok && dated.body.publishedAt).toBe('2021-12-23T16:00:00.000Z');
  });

  it('accepts a complete new article and gives the request body, with the street when one is chosen', () => {
    const result = validateNewsForm(
      { street: 'xietu', title: ' 社区食堂开业 ', source: '', body: '社区食堂今天开业，为老年人提供午餐。' },
      'create',
    );
    expect(result).toEqual({
      ok: true,
      body: {
        street: 'xietu',
        title: ' 社区食堂开业 ',
        source: null,
        body: [{ type: 'paragraph', text: '社区食堂今天开业，为老年人提供午餐。' }],
      },
    });
  });

  it('refuses with the shared schema’s messages: no title, a body of images only, a title that is too long', () => {
    const noTitle = validateNewsForm({ title: '   ', body: '正文' }, 'create');
    expect(noTitle).toEqual({ ok: false, issues: [{ path: ['title'], message: '请填写标题' }] });

    const imagesOnly = validateNewsForm({ title: '标题', body: '【图片】会议现场' }, 'create');
    expect(imagesOnly.ok).toBe(false);
    expect(!imagesOnly.ok && imagesOnly.issues).toEqual([{ path: ['body'], message: '正文至少需要一段文字' }]);

    const tooLong = validateNewsForm({ title: '长'.repeat(121), body: '正文' }, 'update');
    expect(!tooLong.ok && tooLong.issues.map((i) => i.message)).toEqual(['标题最多 120 个字']);
  });

  it('keeps markup out: a title that is only a tag is empty once reduced to plain text', () => {
    const result = validateNewsForm({ title: '<script>alert(1)</script>', body: '正文' }, 'create');
    expect(!result.ok && result.issues).toEqual([{ path: ['title'], message: '请填写标题' }]);
  });
});
