/**
 * Query parameters whose values are credentials somewhere in the service or its callers: an Open311
 * partner's `api_key`, the signed photo link WeChat fetches (`sig`), WeChat's push `signature` and
 * `echostr`, login `code`s, any `token`, `secret` or `password`. Matched by name, case-insensitively.
 */
export const SECRET_QUERY_PARAMETERS: readonly string[] = [
  'api_key',
  'apikey',
  'key',
  'sig',
  'signature',
  'msg_signature',
  'echostr',
  'token',
  'access_token',
  'code',
  'js_code',
  'secret',
  'password',
];

const SECRET = new Set(SECRET_QUERY_PARAMETERS);

/**
 * A URL as a log line may show it: path and query kept, the values of secret parameters replaced by
 * `[redacted]`. Works on the raw request target (`/path?query`) without parsing it as a whole URL, so a
 * malformed one is still logged, and redacted.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judge the name as written.
      }
      return SECRET.has(decoded.trim().toLowerCase()) && eq >= 0 ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}
