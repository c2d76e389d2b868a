import { act, fireEvent, render, screen } from '@testing-library/react';

import { answerWith, sentRequest } from '../../test/taro-request';
import { clearToken, setToken } from '../services/token-store';
import { VerifyPhone } from './verify-phone';

describe(VerifyPhone.name, () => {
  beforeEach(() => setToken('resident-token'));
  // Inside act: the mounted component hears the token go.
  afterEach(() => act(() => clearToken('logout')));

  it('verifies the typed number in the preview build and reloads 我的诉求 when concerns filed for it were found', async () => {
    answerWith(200, { phone: '139****4321', claimed: 2, concernIds: [7, 9] });
    const onClaimed = jest.fn();
    render(<VerifyPhone onClaimed={onClaimed} />);

    fireEvent.input(screen.getByRole('textbox', { name: '手机号码' }), {
      target: { value: '13987654321' },
      detail: { value: '13987654321' },
    });
    fireEvent.click(screen.getByRole('button', { name: '验证手机号' }));

    expect(await screen.findByText('已验证 139****4321，找到 2 条工作人员为您登记的诉求，已加入「我反映的诉求」')).toBeTruthy();
    expect(sentRequest(0)).toMatchObject({ url: '/api/v1/auth/preview/phone', method: 'POST', data: { phone: '13987654321' } });
    expect(onClaimed).toHaveBeenCalledTimes(1);
  });

  it('says so when nothing was filed for the number, and does not reload', async () => {
    answerWith(200, { phone: '137****1111', claimed: 0, concernIds: [] });
    const onClaimed = jest.fn();
    render(<VerifyPhone onClaimed={onClaimed} />);

    fireEvent.input(screen.getByRole('textbox', { name: '手机号码' }), {
      target: { value: '13700001111' },
      detail: { value: '13700001111' },
    });
    fireEvent.click(screen.getByRole('button', { name: '验证手机号' }));

    expect(await screen.findByText('已验证 137****1111，暂无工作人员为您登记的诉求')).toBeTruthy();
    expect(onClaimed).not.toHaveBeenCalled();
  });

  it('refuses a number that is not a mobile one without asking the service', async () => {
    render(<VerifyPhone onClaimed={jest.fn()} />);

    fireEvent.input(screen.getByRole('textbox', { name: '手机号码' }), { target: { value: '12345' }, detail: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: '验证手机号' }));

    expect((await screen.findByRole('alert')).textContent).toBe('手机号码格式不正确（请填写 11 位手机号）');
  });
});
