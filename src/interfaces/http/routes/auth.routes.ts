import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { Container } from 'inversify';
import { TOKENS } from '../../../infrastructure/container/tokens.js';
import { loginBody, registerBody } from '../../schemas/auth-schemas.js';
import { ACCESS_TOKEN_COOKIE } from '../middleware/authenticate.js';
import { sessionJson, userJson } from '../presenters.js';
import { caseSensitiveRouter } from './router.js';

export interface AuthRouteOptions {
  readonly cookieSecure: boolean;
  /** Authentication and the per-user guards, run ahead of the routes that need a signed-in user. */
  readonly signedIn: Middleware[];
  /** Runs ahead of the public routes (the per-address limit against brute force). */
  readonly publicGuards: Middleware[];
}

export function authRoutes(container: Container, options: AuthRouteOptions): Router {
  const register = container.get(TOKENS.RegisterUser);
  const logIn = container.get(TOKENS.LogIn);
  const currentUser = container.get(TOKENS.GetCurrentUser);
  const deleteAccount = container.get(TOKENS.DeleteAccount);
  const router = caseSensitiveRouter('/api/v1/auth');
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: options.cookieSecure, path: '/', overwrite: true };
  const noStore = (ctx: Context) => ctx.set('Cache-Control', 'no-store');
  const setAccessCookie = (ctx: Context, value: string, maxAge: number) => {
    // COOKIE_SECURE asserts HTTPS at the edge; a TLS-terminating proxy Taskhex does not trust
    // (TRUST_PROXY off) would otherwise make the cookie library throw "Cannot send secure cookie".
    if (options.cookieSecure) ctx.cookies.secure = true;
    ctx.cookies.set(ACCESS_TOKEN_COOKIE, value, { ...cookie, maxAge });
  };

  // COOKIE_SECURE says browsers reach us over HTTPS (usually through a TLS-terminating proxy). Without
  // this, the cookie library refuses a Secure cookie on the plain hop and login/logout answer 500.
  router.use(async (ctx, next) => {
    if (options.cookieSecure) ctx.cookies.secure = true;
    await next();
  });

  router.post('/register', ...options.publicGuards, async (ctx) => {
    const session = await register.execute(registerBody.parse(ctx.state.body));
    noStore(ctx);
    ctx.status = 201;
    ctx.set('Location', '/api/v1/auth/me');
    ctx.body = sessionJson(session);
  });

  router.post('/login', ...options.publicGuards, async (ctx) => {
    const session = await logIn.execute(loginBody.parse(ctx.state.body));
    setAccessCookie(ctx, session.accessToken, session.expiresIn * 1000);
    noStore(ctx);
    ctx.body = sessionJson(session);
  });

  router.post('/logout', ...options.publicGuards, async (ctx) => {
    setAccessCookie(ctx, '', 0);
    ctx.status = 204;
  });

  router.get('/me', ...options.signedIn, async (ctx) => {
    ctx.body = userJson(await currentUser.execute(ctx.state.actor));
  });

  router.delete('/me', ...options.signedIn, async (ctx) => {
    await deleteAccount.execute(ctx.state.actor);
    setAccessCookie(ctx, '', 0);
    ctx.status = 204;
  });

  return router;
}
