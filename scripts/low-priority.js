#!/usr/bin/env node
// @ts-check
// `node scripts/low-priority.js <command> [args…]`: runs the command (and all it
// starts) at the lowest CPU priority, and exits with its code. `npm test` runs the
// static checks and the Vitest suites so, beside the e2e suite: they take the CPU
// its browser pages leave idle, and the pages keep most of theirs.
// os.setPriority works on Linux, macOS and Windows; a child inherits its parent's.
import { spawn } from 'node:child_process';
import { constants, setPriority } from 'node:os';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/low-priority.js <command> [args…]');
  process.exit(2);
}
setPriority(constants.priority.PRIORITY_LOW);
const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(`${command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
