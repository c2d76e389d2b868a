/** The HTTP statuses GeoReport v2 errors use here: bad input, bad key, unknown thing, too many requests. */
export type Open311ErrorStatus = 400 | 403 | 404 | 429;

/**
 * An error a GeoReport client reads: answered as `[{ code, description }]` (XML `<errors><error>`) with
 * `code` = the HTTP status, as the specification's examples do. Descriptions are Chinese with the
 * parameter's English name, because the integrators are district and partner systems.
 */
export class Open311Error extends Error {
  override name = 'Open311Error';

  constructor(
    readonly status: Open311ErrorStatus,
    readonly description: string,
  ) {
    super(description);
  }
}
