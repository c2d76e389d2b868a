import Taro from '@tarojs/taro';

import { answerWith, sentRequest } from '../../test/taro-request';
import { askSubscribeConsent, consentResults, getClientConfig, offerVisitConsent, resetClientConfig } from './wechat.api';

const requestSubscribeMessage = Taro.requestSubscribeMessage as unknown as jest.Mock;

const CONFIG = { login: 'wechat', subscribeTemplates: { submit: ['tmpl-progress', 'tmpl-reply'], rating: ['tmpl-reopen'] } };

async function onWeapp<T>(run: () => Promise<T>): Promise<T> {
  const before = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  try {
    return await run();
  } finally {
    process.env.TARO_ENV = before;
  }
}

describe('subscribe-message consent', () => {
  beforeEach(() => resetClientConfig());

  it('keeps only the template answers of the contract (WeChat adds errMsg)', () => {
    expect(consentResults({ errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', c: 'weird' }, ['a', 'b', 'c'])).toEqual({
      a: 'accept',
      b: 'reject',
    });
  });

  it('asks for the moment’s templates and records the answer with the service', async () => {
    answerWith(200, CONFIG);
    await getClientConfig();
    requestSubscribeMessage.mockResolvedValueOnce({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-progress': 'accept',
      'tmpl-reply': 'reject',
    });
    answerWith(200, { remaining: { 'tmpl-progress': 1 } });

    const recorded = await onWeapp(() => askSubscribeConsent('submit'));

    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-progress', 'tmpl-reply'], entityIds: [] });
    expect(sentRequest(1)).toMatchObject({
      url: '/api/v1/me/subscribe-consents',
      method: 'POST',
      data: { results: { 'tmpl-progress': 'accept', 'tmpl-reply': 'reject' } },
    });
    expect(recorded).toEqual({ remaining: { 'tmpl-progress': 1 } });
  });

  it('asks nothing, silently, when the service has no client config yet (404)', async () => {
    answerWith(404, { error: { code: 'NOT_FOUND', message: '找不到请求的内容' } });
    expect(await getClientConfig()).toBeUndefined();

    expect(await onWeapp(() => askSubscribeConsent('submit'))).toBeUndefined();
    expect(requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('still counts the report as sent when recording the consent answers 404', async () => {
    answerWith(200, CONFIG);
    await getClientConfig();
    requestSubscribeMessage.mockResolvedValueOnce({ 'tmpl-reopen': 'accept' });
    answerWith(404, { error: { code: 'NOT_FOUND', message: '找不到请求的内容' } });

    await expect(onWeapp(() => askSubscribeConsent('rating'))).resolves.toBeUndefined();
  });

  it('never asks on h5 or in preview mode', async () => {
    answerWith(200, { login: 'preview', subscribeTemplates: { submit: [], rating: [] } });
    await getClientConfig();

    expect(await askSubscribeConsent('submit')).toBeUndefined();
    expect(await onWeapp(() => askSubscribeConsent('submit'))).toBeUndefined();
    expect(requestSubscribeMessage).not.toHaveBeenCalled();
  });
});

describe('visit consent after signing up', () => {
  const showModal = Taro.showModal as unknown as jest.Mock;

  it('offers the visit template the sign-up named, and on 接收 asks WeChat and records the answer', async () => {
    let confirmed: ((result: { confirm: boolean }) => void) | undefined;
    showModal.mockImplementationOnce((options: { success: (result: { confirm: boolean }) => void }) => {
      confirmed = options.success;
      return Promise.resolve({ confirm: true });
    });
    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-visit': 'accept' });
    answerWith(200, { remaining: { 'tmpl-visit': 1 } });

    await onWeapp(async () => {
      offerVisitConsent(['tmpl-visit']);
      expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '走访提醒', confirmText: '接收' }));
      // The dialog's own callback asks WeChat (a tap there counts as the resident's).
      confirmed!({ confirm: true });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-visit'], entityIds: [] });
    expect(sentRequest(0)).toMatchObject({ url: '/api/v1/me/subscribe-consents', data: { results: { 'tmpl-visit': 'accept' } } });
  });

  it('asks nothing when the resident declines the dialog', async () => {
    showModal.mockImplementationOnce((options: { success: (result: { confirm: boolean }) => void }) => {
      options.success({ confirm: false });
      return Promise.resolve({ confirm: false });
    });

    await onWeapp(async () => offerVisitConsent(['tmpl-visit']));

    expect(requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('asks nothing when the sign-up named no template (preview mode), nor on h5', async () => {
    await onWeapp(async () => offerVisitConsent([]));
    offerVisitConsent(['tmpl-visit']);

    expect(showModal).not.toHaveBeenCalled();
    expect(requestSubscribeMessage).not.toHaveBeenCalled();
  });
});
