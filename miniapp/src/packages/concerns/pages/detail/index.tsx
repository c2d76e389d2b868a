import { useRouter } from '@tarojs/taro';

import { ConcernDetail } from '../../concern-detail';

export default function ConcernDetailPage() {
  const { params } = useRouter();
  return <ConcernDetail id={Number(params.id)} />;
}
