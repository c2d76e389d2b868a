import Taro from '@tarojs/taro';

import { answerWith, sentRequest } from '../../test/taro-request';
import { askSubscribeConsent, consentResults, getClientConfig, resetClientConfig } from './wechat.api';

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
