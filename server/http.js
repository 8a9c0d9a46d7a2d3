// @ts-check
// The stack's single HTTP entry point: health, runtime config, the PostgREST
// API under /rest/v1 (as on Supabase), and the built SPA.
import { existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { securityHeaders, sendJson } from './http-json.js';

/** How long an idle keep-alive connection stays open (see createHttpServer). */
const KEEP_ALIVE_MS = 65_000;

/**
 * Forwards a request to PostgREST with the /rest/v1 prefix removed.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} target PostgREST base URL
 */
function proxy(req, res, target) {
  const url = new URL(target);
  const path = (req.url ?? '/').replace(/^\/rest\/v1/, '') || '/';
  const headers = { ...req.headers, host: url.host };
  const upstream = request(
    { hostname: url.hostname, port: url.port, method: req.method, path, headers },
    (up) => {
      res.writeHead(up.statusCode ?? 502, { ...up.headers, ...securityHeaders });
      up.pipe(res);
    }
  );
  upstream.on('error', () => {
    if (!res.headersSent) {
      sendJson(res, 503, {
        code: 'STACK_UNAVAILABLE',
        message: 'Databasens API startar om, försök igen om en stund. / The API is restarting.'
      });
    } else res.destroy();
  });
  req.pipe(upstream);
}

/**
 * @param {{
 *   buildDir: string | null,
 *   postgrestUrl: () => string | null,
 *   health: () => Promise<{ ok: boolean } & Record<string, unknown>>,
 *   config: (origin: string) => Record<string, unknown>,
 *   routes?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean
 * }} options
 */
export function createHttpServer({ buildDir, postgrestUrl, health, config, routes }) {
  const serveApp =
    buildDir && existsSync(join(buildDir, 'index.html'))
      ? sirv(buildDir, {
          single: true,
          etag: true,
          setHeaders(res, pathname) {
            for (const [k, v] of Object.entries(securityHeaders)) res.setHeader(k, v);
            res.setHeader(
              'Cache-Control',
              pathname.startsWith('/_app/immutable/')
                ? 'public, max-age=31536000, immutable'
                : 'no-cache'
            );
          }
        })
      : null;

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') {
      health().then(
        (state) =>
          sendJson(res, state.ok ? 200 : 503, { status: state.ok ? 'ok' : 'starting', ...state }),
        (error) => sendJson(res, 503, { status: 'error', error: String(error) })
      );
      return;
    }
    if (path === '/config.json') {
      const host = req.headers.host ?? 'localhost';
      sendJson(res, 200, config(`http://${host}`));
      return;
    }
    if (path === '/rest/v1' || path.startsWith('/rest/v1/')) {
      const target = postgrestUrl();
      if (!target) {
        sendJson(res, 503, {
          code: 'STACK_STARTING',
          message: 'Regionkartan startar fortfarande. / Still starting.'
        });
        return;
      }
      proxy(req, res, target);
      return;
    }
    if (routes?.(req, res)) return;
    if (serveApp) {
      serveApp(req, res);
      return;
    }
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
    res.end(
      'Appen är inte byggd. Kör "npm run build" eller "npm start". / The app is not built.\n'
    );
  });
  // Idle keep-alive connections stay open for a minute, not Node's 5 s. The embedded
  // database runs on this process's event loop: a large import holds it for seconds,
  // and when it lets go the 5 s timer fired first and closed a connection a client had
  // just sent its next request on (ECONNRESET for that request, seen in CI). A browser
  // retries such a request; Node clients (scripts, tests) do not.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}
