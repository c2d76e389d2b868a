import { fireEvent, render, screen } from '@testing-library/react';

import { answerWith, failWith, sentRequest } from '../../../test/taro-request';
import NewsPage from './index';

const STREETS = [
  { id: 1, code: 'xujiahui', name: '徐家汇街道', kind: 'street' },
  { id: 13, code: 'huajing', name: '华泾镇', kind: 'town' },
];

describe('NewsPage', () => {
  it('loads the streets from the API and lets the resident pick one', async () => {
    answerWith(200, { items: STREETS });

    render(<NewsPage />);

    expect(screen.getByText('正在加载街道…')).toBeTruthy();
    fireEvent.click(await screen.findByText('华泾镇'));
    expect(screen.getByText('当前街道：华泾镇')).toBeTruthy();
    expect(sentRequest().url).toBe('/api/v1/streets');
  });

  it('shows the error with 重试, and a retry that succeeds shows the streets', async () => {
    failWith('request:fail net::ERR_CONNECTION_REFUSED');
    answerWith(200, { items: STREETS });

    render(<NewsPage />);

    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('徐家汇街道')).toBeTruthy();
    expect(screen.queryByText('网络连接失败，请检查网络后重试')).toBeNull();
  });

  it('says so when there are no streets', async () => {
    answerWith(200, { items: [] });

    render(<NewsPage />);

    expect(await screen.findByText('暂无街道信息')).toBeTruthy();
  });
});
