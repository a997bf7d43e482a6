/**
 * Raw queries hand timestamptz values back as PostgreSQL's text ("0001-01-01 00:00:00+00"). `new Date`
 * on that text reads years below 100 as 19xx/20xx, so it is rewritten to RFC 3339 first.
 */
export function fromPgTimestamp(value: Date | string): Date {
  if (value instanceof Date) return value;
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return new Date(iso);
}

export function fromPgTimestampOrNull(value: Date | string | null): Date | null {
  return value === null ? null : fromPgTimestamp(value);
}
