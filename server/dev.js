#!/usr/bin/env node
// @ts-check
// `npm run dev`: the same local stack (API only) behind Vite's dev server with HMR.
import { createServer } from 'vite';
import { StackError } from './errors.js';
import { startStack } from './stack.js';

async function main() {
  const port = Number(process.env.PORT ?? 5173);
  const stack = await startStack({
    dataDir: process.env.REGIONKARTAN_DATA_DIR ?? '.regionkartan',
    port: 0,
    host: '127.0.0.1',
    buildDir: null,
    log: (line) => console.log(line)
  });
  process.env.REGIONKARTAN_STACK_URL = stack.url;
  const vite = await createServer({ server: { port, host: process.env.HOST ?? 'localhost' } });
  await vite.listen();
  vite.printUrls();
  console.log(`  Lokal stack / local stack: ${stack.url}`);

  const stop = async () => {
    await vite.close();
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  if (error instanceof StackError) console.error(`\n${error.message}\n${error.hint}\n`);
  else console.error(error);
  process.exitCode = 1;
});
