/** What applying credentials adds to a request. */
export interface AppliedAuth {
  readonly headers: Readonly<Record<string, string>>;
  /** Query parameters (an API key in the query string). */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Header names carrying credentials, dropped when a redirect leaves the host. */
  readonly credentialHeaders: readonly string[];
  /**
   * For token-based auth: forget the current token and obtain a new one. Called once when
   * the API answers 401, then the call is repeated once.
   */
  readonly refresh?: () => Promise<AppliedAuth>;
}

/** No credentials at all. */
export const noAuth: AppliedAuth = { headers: {}, query: [], credentialHeaders: [] };

/** An `Authorization` header. */
export function authorizationHeader(value: string, refresh?: () => Promise<AppliedAuth>): AppliedAuth {
  return { headers: { authorization: value }, query: [], credentialHeaders: ['authorization'], ...(refresh ? { refresh } : {}) };
}

/** `Basic base64(user:password)`, the encoded form returned so it can be masked. */
export function basicCredentials(user: string, password: string): { header: string; encoded: string } {
  const encoded = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  return { header: `Basic ${encoded}`, encoded };
}
