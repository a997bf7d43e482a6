import { readFile } from 'node:fs/promises';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { routeNotFound } from '../http-errors.js';
import { DOCS_ASSETS, DOCS_CSP, DOCS_HTML } from './docs-assets.js';
import { buildOpenApiDocument, type OpenApiOptions } from './openapi-document.js';
import { caseSensitiveRouter } from '../routes/router.js';

/** GET /openapi.json and the docs page at /docs (Swagger UI from swagger-ui-dist). */
export function openApiRoutes(options: OpenApiOptions): Router {
  const document = JSON.stringify(buildOpenApiDocument(options));
  const files = new Map<string, Promise<Buffer>>();
  const router = caseSensitiveRouter();
  const docsHeaders = (ctx: Context) => {
    ctx.set('Content-Security-Policy', DOCS_CSP);
    ctx.set('Cache-Control', 'no-cache');
  };

  router.get('/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'application/json';
    ctx.body = document;
  });

  router.get('/docs', (ctx) => {
    docsHeaders(ctx);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = DOCS_HTML;
  });

  router.get('/docs/:asset', async (ctx) => {
    const asset = Object.hasOwn(DOCS_ASSETS, ctx.params.asset!) ? DOCS_ASSETS[ctx.params.asset!]! : undefined;
    if (!asset) throw routeNotFound();
    docsHeaders(ctx);
    ctx.type = asset.type;
    if ('text' in asset) {
      ctx.body = asset.text;
      return;
    }
    // Read once, on first use: the bundle is large and most processes never serve it.
    if (!files.has(asset.file)) files.set(asset.file, readFile(asset.file));
    ctx.body = await files.get(asset.file)!;
  });

  return router;
}
