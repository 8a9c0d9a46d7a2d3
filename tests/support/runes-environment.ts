// A Node test environment whose modules are compiled for the client (Vite's
// "client" environment), so Svelte runes behave as in the browser: $derived
// caches and $effect runs. With the default "ssr" transform, Svelte compiles
// state classes for the server, where neither happens.
import type { Environment } from 'vitest/environments';

export default {
  name: 'runes',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  }
} satisfies Environment;
