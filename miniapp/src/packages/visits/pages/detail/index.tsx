import { useRouter } from '@tarojs/taro';

import { VisitDetail } from '../../visit-detail';

export default function VisitDetailPage() {
  const { params } = useRouter();
  return <VisitDetail id={Number(params.id)} />;
}
