/**
 * Percent-encode everything but RFC 3986 "unreserved" characters (A-Z a-z 0-9 - . _ ~).
 * Used for a value placed in ONE path segment or one query component: `/`, `?`, `#`, `@`,
 * `%`, `&`, `=` and `+` all come out escaped, so a value can never add a segment, start a
 * query, or change the host. A value made only of dots is escaped too (`..` → `%2E%2E`):
 * the wire path never carries a dot segment made from data.
 */
export function encodeComponentStrict(value: string): string {
  const encoded = encodeURIComponent(wellFormed(value)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return /^\.+$/.test(value) ? encoded.replace(/\./g, '%2E') : encoded;
}

/** Build a query string (`a=1&b=x%20y`) with strict encoding; arrays repeat the key. */
export function encodeQuery(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries.map(([k, v]) => `${encodeComponentStrict(k)}=${encodeComponentStrict(v)}`).join('&');
}

/** Replace lone surrogates with U+FFFD so encoding never throws (String#toWellFormed, pre-ES2024). */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
