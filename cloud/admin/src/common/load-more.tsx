import { Button } from 'antd';

/** 加载更多 under a paged list, while the service has a further page. */
export function LoadMore({ list }: { list: { nextCursor: string | null; more: boolean; loadMore: () => Promise<void> } }) {
  return (
    <div className="inbox-more">
      {list.nextCursor && (
        <Button loading={list.more} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      )}
    </div>
  );
}
