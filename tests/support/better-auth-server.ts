import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { toNodeHandler } from 'better-auth/node';
import { jwt } from 'better-auth/plugins';

/** A real, stock Better Auth front end (memory adapter, e-mail/password, JWT plugin) on a free 127.0.0.1 port. */
export interface BetterAuthServer {
  readonly baseUrl: string;
  readonly jwksUrl: string;
  readonly secret: string;
  /** How many times the JWKS endpoint was fetched. */
  jwksRequests(): number;
  signUp(email?: string, name?: string): Promise<BetterAuthUser>;
  close(): Promise<void>;
}

export interface BetterAuthUser {
  /** Better Auth's own user id: 32 letters and digits, not a UUID. */
  readonly id: string;
  readonly email: string;
  /** EdDSA JWT from /api/auth/token, verified through the JWKS. */
  readonly jwt: string;
  /** The HS256 session cookie cache (`better-auth.session_data`), signed with the secret; user id at `user.id`. */
  readonly cookieCacheJwt: string;
}

let seq = 0;

export async function startBetterAuth(secret = `better-auth-secret-${Math.random().toString(36).slice(2)}-0123456789`): Promise<BetterAuthServer> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  let jwksCount = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/api/auth/jwks')) jwksCount += 1;
    void handler!(req, res);
  });
  // The base URL must be known before Better Auth is built: bind the port first.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const auth = betterAuth({
    baseURL: baseUrl,
    secret,
    database: memoryAdapter({ user: [], session: [], account: [], verification: [], jwks: [] }),
    emailAndPassword: { enabled: true },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    trustedOrigins: [baseUrl],
    logger: { disabled: true },
    session: { cookieCache: { enabled: true, strategy: 'jwt', maxAge: 300 } },
    plugins: [jwt()],
  });
  handler = toNodeHandler(auth);

  async function signUp(email = `ba-user${++seq}-${Date.now()}@example.com`, name = 'Ada Lovelace'): Promise<BetterAuthUser> {
    const res = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ email, password: 'correct horse battery', name }),
    });
    if (!res.ok) throw new Error(`Better Auth sign-up failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { user: { id: string } };
    const cookies = res.headers.getSetCookie();
    const sessionToken = cookieValue(cookies, 'better-auth.session_token');
    const cookieCacheJwt = cookieValue(cookies, 'better-auth.session_data');
    const tokenRes = await fetch(`${baseUrl}/api/auth/token`, {
      headers: { cookie: `better-auth.session_token=${sessionToken}` },
    });
    if (!tokenRes.ok) throw new Error(`Better Auth /token failed: ${tokenRes.status}`);
    const { token } = (await tokenRes.json()) as { token: string };
    return { id: body.user.id, email, jwt: token, cookieCacheJwt };
  }

  return {
    baseUrl,
    jwksUrl: `${baseUrl}/api/auth/jwks`,
    secret,
    jwksRequests: () => jwksCount,
    signUp,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function cookieValue(setCookies: string[], name: string): string {
  const line = setCookies.find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`Better Auth set no ${name} cookie`);
  return decodeURIComponent(line.slice(name.length + 1).split(';')[0]!);
}
