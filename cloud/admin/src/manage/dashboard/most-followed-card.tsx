import { CONCERN_STATUS_LABELS, peopleCount, type MostFollowedConcernView } from '@manyi/shared';
import { Alert, Card, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { communityApi } from '../../api/community-endpoints';
import { navigate } from '../../app/router';

type Loaded = { items: MostFollowedConcernView[] } | { error: unknown };

/**
 * 多人反映: the open concerns in the reader's scope that most residents followed (附议) — now, not over the
 * dashboard's period. Each opens its workbench.
 */
export function MostFollowedCard() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    communityApi
      .mostFollowed(controller.signal)
      .then((answer) => setLoaded({ items: answer.items }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ error });
      });
    return () => controller.abort();
  }, []);

  return (
    <Card size="small" title="多人反映（附议最多的未办结诉求）" loading={!loaded}>
      {loaded && 'error' in loaded ? (
        <Alert type="warning" showIcon message={errorMessage(loaded.error)} />
      ) : loaded && loaded.items.length === 0 ? (
        <Typography.Text type="secondary">目前没有居民附议的未办结诉求</Typography.Text>
      ) : (
        <List
          size="small"
          aria-label="多人反映"
          dataSource={loaded && 'items' in loaded ? loaded.items : []}
          renderItem={(c) => (
            <List.Item key={c.id} extra={<Tag color="volcano">{peopleCount(c.followerCount)} 人反映</Tag>}>
              <Typography.Link onClick={() => navigate({ name: 'concern', id: c.id })}>{c.title}</Typography.Link>
              <Typography.Text type="secondary">
                {' '}
                · {c.compoundName} · {CONCERN_STATUS_LABELS[c.status]}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
