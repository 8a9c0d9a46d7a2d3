// Runs `server/start.js` (what `npm start` runs) as a child process; in the `pg`
// project in server mode on the data directory's database (serverModeOf).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/ports.js';
import { serverModeOf } from './stack';

const startScript = fileURLToPath(new URL('../../server/start.js', import.meta.url));

export type StartedProcess = {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
};

/** Starts the stack and resolves once `/healthz` answers 200 (or the process exits). */
export async function startProcess(
  dataDir: string,
  env: Record<string, string> = {},
  { waitReady = true } = {}
): Promise<StartedProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [startScript], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REGIONKARTAN_DATA_DIR: dataDir,
      REGIONKARTAN_BUILD: 'skip',
      ...(await serverModeOf(dataDir)),
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started: StartedProcess = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited
  };
  if (!waitReady) return started;

  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !done) {
    const ok = await fetch(`${started.url}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return started;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the stack did not become ready:\n${out}`);
}
