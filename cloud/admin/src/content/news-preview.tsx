import type { NewsBlock } from '@manyi/shared';
import { Empty, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * The article as residents will read it: plain-text paragraphs, subheads in bold, images with their
 * captions. `subheadAction` adds a control beside each subhead (the import preview's split).
 */
export function NewsPreview({
  title,
  source,
  blocks,
  subheadAction,
}: {
  title: string;
  source?: string | null;
  blocks: readonly NewsBlock[];
  subheadAction?: (index: number, text: string) => ReactNode;
}) {
  if (!title && blocks.length === 0) return <Empty description="填写标题和正文后在此预览" />;
  return (
    <article className="news-preview" aria-label="预览">
      <Typography.Title level={4}>{title || '（无标题）'}</Typography.Title>
      {source && <Typography.Text type="secondary">来源：{source}</Typography.Text>}
      {blocks.map((b, i) => {
        if (b.type === 'paragraph')
          return (
            <Typography.Paragraph key={i} className="news-paragraph">
              {b.text}
            </Typography.Paragraph>
          );
        if (b.type === 'subhead')
          return (
            <div key={i} className="news-subhead-row">
              <Typography.Paragraph strong className="news-subhead">
                {b.text}
              </Typography.Paragraph>
              {subheadAction?.(i, b.text)}
            </div>
          );
        return (
          <figure key={i} className="news-image">
            {b.url ? <Tag color="blue">图片</Tag> : <Tag color="orange">待上传图片</Tag>}
            {b.caption && <figcaption>{b.caption}</figcaption>}
          </figure>
        );
      })}
    </article>
  );
}
