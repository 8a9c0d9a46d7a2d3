// The stack's HTTP server keeps an idle connection open past Node's default 5 s, so a
// client's next request on it is not cut off after the embedded database held the
// event loop for a while (an import of 10 000 rows does): ECONNRESET in CI before.
import { Agent, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpServer } from '../../server/http.js';

const server = createHttpServer({
  buildDir: null,
  postgrestUrl: () => null,
  health: async () => ({ ok: true }),
  config: (origin) => ({ origin })
});
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => {
  agent.destroy();
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

function get(path: string): Promise<{ status: number; reused: boolean }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('a connection idle for longer than Node’s default keep-alive (5 s) is reused', async () => {
  const first = await get('/config.json');
  expect(first).toEqual({ status: 200, reused: false });
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  const second = await get('/healthz');
  expect(second).toEqual({ status: 200, reused: true });
});
