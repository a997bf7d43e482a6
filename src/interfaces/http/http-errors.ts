/** Failures that only exist at the HTTP edge (the domain never sees a body or a header). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const malformedJson = () => new HttpProblem(400, 'malformed_json', 'The request body is not valid JSON.');
export const payloadTooLarge = (limit: number) =>
  new HttpProblem(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`);
export const unsupportedMediaType = () =>
  new HttpProblem(415, 'unsupported_media_type', 'Send the request body as application/json.');
export const routeNotFound = () => new HttpProblem(404, 'not_found', 'No such route.');
export const csrfRefused = () =>
  new HttpProblem(403, 'forbidden', 'Cookie-authenticated writes must come from an allowed origin.');
export const rateLimited = (headers: Record<string, string>) =>
  new HttpProblem(429, 'rate_limited', 'Too many requests; retry after the time in Retry-After.', headers);
