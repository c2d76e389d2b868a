import type { NewsBlock } from '@manyi/shared';
import { Empty, Tag, Typography } from 'antd';

/** The article as residents will read it: plain-text paragraphs, images with their captions. */
export function NewsPreview({ title, source, blocks }: { title: string; source?: string | null; blocks: readonly NewsBlock[] }) {
  if (!title && blocks.length === 0) return <Empty description="填写标题和正文后在此预览" />;
  return (
    <article className="news-preview" aria-label="预览">
      <Typography.Title level={4}>{title || '（无标题）'}</Typography.Title>
      {source && <Typography.Text type="secondary">来源：{source}</Typography.Text>}
      {blocks.map((b, i) =>
        b.type === 'paragraph' ? (
          <Typography.Paragraph key={i} className="news-paragraph">
            {b.text}
          </Typography.Paragraph>
        ) : (
          <figure key={i} className="news-image">
            {b.url ? <Tag color="blue">图片</Tag> : <Tag color="orange">待上传图片</Tag>}
            {b.caption && <figcaption>{b.caption}</figcaption>}
          </figure>
        ),
      )}
    </article>
  );
}
