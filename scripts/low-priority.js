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
// nice value. So the command runs in a new session (detached) whose group gets a low
// priority too: nice 10 (weight 110 against 1024), not 19 (15), so that the checks still
// progress beside the e2e suite and both end at about the same time. Measured here in
// clean-clone runs of `.ci/run`: group at nice 0, the e2e suite 9.2–10.6 min and last;
// at 19, 8.1–8.3 min and the checks last by ~1 min (601 and 610 s in all).
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
const GROUP_NICE = 10;
const child = spawn(command, args, {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  detached: linux
});
if (linux && child.pid) {
  try {
    writeFileSync(`/proc/${child.pid}/autogroup`, String(GROUP_NICE));
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
