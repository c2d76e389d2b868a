import { randomBytes } from 'node:crypto';
import { startService, type RunningService } from '../support/service.js';

/*
 * What the built service writes to its log, at the level an operator runs it (info: one line per
 * request): credentials that callers put in query strings — an Open311 partner's api_key, the signed
 * photo link WeChat fetches, WeChat's push signature and URL-check echo, a token — never reach it,
 * whether the request succeeds or is refused. Each secret is random, so finding it means it leaked.
 */
describe('the service log', () => {
  let service: RunningService | undefined;

  beforeAll(async () => {
    service = await startService({ env: { LOG_LEVEL: 'info' }, requireH5: false, requireAdmin: false });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('keeps every request line but none of the secrets callers put in query strings', async () => {
    const secrets = Array.from({ length: 6 }, () => randomBytes(12).toString('hex'));
    const [apiKey, sig, signature, echostr, token, other] = secrets as [string, string, string, string, string, string];
    const base = service!.baseUrl;
    const requests: Array<[string, RequestInit?]> = [
      [`${base}/open311/v2/requests.json?api_key=${apiKey}&jurisdiction_id=xuhui`],
      [`${base}/open311/v2/requests.json?api_key=${apiKey}`, { method: 'POST', body: new URLSearchParams({ service_code: 'x' }) }],
      [`${base}/api/v1/wechat/media/1?expires=1796000000&sig=${sig}`],
      [`${base}/api/v1/wechat/callback?signature=${signature}&timestamp=1796000000&nonce=n&echostr=${echostr}`],
      [`${base}/api/v1/news?token=${token}&street=xietu`],
      [`${base}/api/v1/news?Access_Token=${other}`],
    ];
    for (const [url, init] of requests) await fetch(url, init);
    // The request lines are written as the answers go out; give the last one a moment to be flushed.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const log = service!.output();
    expect(log).toContain('/open311/v2/requests.json?api_key=[redacted]&jurisdiction_id=xuhui');
    expect(log).toContain('/api/v1/wechat/media/1?expires=1796000000&sig=[redacted]');
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
