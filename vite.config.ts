import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// In `npm run dev`, server/dev.js starts the local stack and passes its address here.
const stackUrl = process.env.REGIONKARTAN_STACK_URL;

export default defineConfig({
  plugins: [sveltekit()],
  server: stackUrl
    ? {
        proxy: {
          '/rest/v1': stackUrl,
          '/config.json': stackUrl,
          '/healthz': stackUrl,
          '/auth/local': stackUrl,
          '/live': { target: stackUrl.replace(/^http/, 'ws'), ws: true }
        }
      }
    : undefined,
  test: {
    include: ['tests/{unit,db,api}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000
  }
});
