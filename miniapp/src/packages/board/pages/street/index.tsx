import { useRouter } from '@tarojs/taro';

import { StreetBoard } from '../../street-board';

export default function StreetBoardPage() {
  const { params } = useRouter();
  return <StreetBoard streetCode={params.street || undefined} />;
}
