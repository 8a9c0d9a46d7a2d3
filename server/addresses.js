// @ts-check
import { networkInterfaces } from 'node:os';

/**
 * The addresses people can open: localhost, and the LAN addresses when the
 * stack listens on all interfaces.
 * @param {string} host
 * @param {number} port
 */
export function reachableAddresses(host, port) {
  const local = `http://localhost:${port}`;
  if (host !== '0.0.0.0' && host !== '::') {
    return { local: host === '127.0.0.1' ? local : `http://${host}:${port}`, lan: [] };
  }
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => `http://${i?.address}:${port}`);
  return { local, lan };
}

/**
 * Whether the stack listens on this machine only (then joining needs no code).
 * @param {string} host
 */
export function isLoopbackHost(host) {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}
