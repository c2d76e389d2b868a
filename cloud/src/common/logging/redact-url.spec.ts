import { redactUrl } from './redact-url.js';

describe(redactUrl.name, () => {
  it('replaces an Open311 api_key and keeps the other parameters', () => {
    expect(redactUrl('/open311/v2/requests.json?api_key=k-8f2a9c&jurisdiction_id=xuhui')).toBe(
      '/open311/v2/requests.json?api_key=[redacted]&jurisdiction_id=xuhui',
    );
  });

  it('replaces the signature of a signed photo link but keeps its expiry', () => {
    expect(redactUrl('/api/v1/wechat/media/12?expires=1796000000&sig=abcdef0123')).toBe(
      '/api/v1/wechat/media/12?expires=1796000000&sig=[redacted]',
    );
  });

  it('replaces WeChat push signatures and the URL check’s echostr', () => {
    expect(redactUrl('/api/v1/wechat/callback?signature=9f8e&timestamp=1796000000&nonce=n1&echostr=hello')).toBe(
      '/api/v1/wechat/callback?signature=[redacted]&timestamp=1796000000&nonce=n1&echostr=[redacted]',
    );
  });

  it('matches names case-insensitively and when percent-encoded', () => {
    expect(redactUrl('/x?API_KEY=a&%74oken=b&Code=c')).toBe('/x?API_KEY=[redacted]&%74oken=[redacted]&Code=[redacted]');
  });

  it('leaves a URL without a query, or without secret parameters, as it was', () => {
    expect(redactUrl('/api/v1/news')).toBe('/api/v1/news');
    expect(redactUrl('/api/v1/news?street=xietu&limit=20')).toBe('/api/v1/news?street=xietu&limit=20');
  });

  it('still redacts a query with a malformed escape', () => {
    expect(redactUrl('/x?%E0%A4%A=1&token=secret')).toBe('/x?%E0%A4%A=1&token=[redacted]');
  });
});
