import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Swagger UI's files, served from the installed npm package: the docs page works offline, no CDN. */
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/**
 * The init code is a file of its own, not an inline script, so the docs page's CSP can stay
 * `script-src 'self'`.
 */
const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    layout: 'BaseLayout',
    presets: [SwaggerUIBundle.presets.apis],
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: false,
    withCredentials: true,
  });
});
`;

export type DocsAsset = { readonly type: string } & ({ readonly file: string } | { readonly text: string });

export const DOCS_ASSETS: Record<string, DocsAsset> = {
  'swagger-ui-bundle.js': { type: 'application/javascript; charset=utf-8', file: join(swaggerUiDir, 'swagger-ui-bundle.js') },
  'swagger-ui.css': { type: 'text/css; charset=utf-8', file: join(swaggerUiDir, 'swagger-ui.css') },
  'init.js': { type: 'application/javascript; charset=utf-8', text: INIT_JS },
};

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Taskhex API</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

/** Looser than the API's CSP (scripts, styles, images and fetches from this origin), still nothing off-site. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
