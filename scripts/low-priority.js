#!/usr/bin/env node
// @ts-check
// `node scripts/low-priority.js <command> [args…]`: runs the command (and all it
// starts) at the lowest CPU priority, and exits with its code. `npm test` runs the
// static checks and the Vitest suites so, beside the e2e suite: they take the CPU
// its browser pages leave idle, and the pages keep most of theirs.
// os.setPriority works on Linux, macOS and Windows; a child inherits its parent's.
//
// On Linux with autogroups (`/proc/sys/kernel/sched_autogroup_enabled`, on by default,
// as here) a nice value counts only inside its session's group: the browser Playwright
// starts has a session of its own and gets a group's full share whatever the checks'
// nice value. So the command runs in a new session (detached) whose group gets the
// lowest priority too. Measured with two busy loops beside the explorer and collab e2e
// files: 203 s with a nice value alone, 173 s with the group's too (133 s alone). In
// clean-clone runs of `.ci/run`, the group at nice 19: 601 and 610 s; at nice 10: 644 s.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/low-priority.js <command> [args…]');
  process.exit(2);
}
setPriority(constants.priority.PRIORITY_LOW);
const linux = process.platform === 'linux';
const child = spawn(command, args, {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  detached: linux
});
if (linux && child.pid) {
  try {
    writeFileSync(`/proc/${child.pid}/autogroup`, String(constants.priority.PRIORITY_LOW));
  } catch {
    // no autogroups (or not allowed): the nice value alone
  }
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(`${command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
