import { createHmac, KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { TEST_SECRET } from './http-harness.js';


const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A hand-made JWS: any header, any payload, HMAC-signed with `secret` under the given hash (or unsigned). */
export function forgeToken(
  header: Record<string, unknown>,
  payload: unknown,
  sign: { hash: 'sha256' | 'sha384' | 'sha512'; secret: string | Buffer } | 'unsigned' = { hash: 'sha256', secret: TEST_SECRET },
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  if (sign === 'unsigned') return `${input}.`;
  return `${input}.${createHmac(sign.hash, sign.secret).update(input).digest('base64url')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A valid Taskhex HS256 token for `sub`, with claims overridable. */
export function hs256(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  return forgeToken({ alg: 'HS256', typ: 'JWT', ...header }, { iat: nowSeconds(), exp: nowSeconds() + 600, ...claims });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface JwksServer {
  readonly url: string;
  readonly issuer: string;
  readonly kid: string;
  /** How many times the key set was fetched. */
  fetches(): number;
  sign(claims: JWTPayload, header?: { kid?: string; alg?: string }): Promise<string>;
  publicKeyPem(): Promise<string>;
  close(): Promise<void>;
}

/** A front end's key server (Better Auth's /api/auth/jwks shape): one Ed25519 key with a kid. */
export async function startJwksServer(): Promise<JwksServer> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = 'test-key-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/api/auth/jwks`,
    issuer: base,
    kid,
    fetches: () => count,
    sign: (claims, header = {}) =>
      new SignJWT({ iss: base, aud: base, exp: nowSeconds() + 900, ...claims })
        .setProtectedHeader({ alg: header.alg ?? 'EdDSA', kid: header.kid ?? kid })
        .setIssuedAt()
        .sign(privateKey),
    publicKeyPem: async () => KeyObject.from(publicKey).export({ type: 'spki', format: 'pem' }).toString(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
