import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Vitest's SvelteKit plugin rewrites SvelteKit's generated files as it starts, and
// `npm test` runs it beside the type checks, which read them in .svelte-kit: Vitest
// writes a copy of its own.
if (process.env.VITEST) process.env.SVELTEKIT_OUT_DIR ??= '.svelte-kit-vitest';

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
    environment: 'node',
    // Vitest's default is one worker less than the cores: a single worker on CI's
    // two. The db and api files are independent (each its own database or stack
    // on its own port), so both cores work.
    maxWorkers: 2,
    // Generous: in `npm test` these suites share the two cores with the static checks,
    // and a stack's start or a kill -9 takes twice as long on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    projects: [
      {
        // Pure logic: no database, so none of the setup below.
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['**/*.svelte.test.ts'],
          // One module graph per worker instead of one per file: importing it again
          // for each of ~90 files took most of this project's time (54 → 12–19 s).
          // Spies and stubbed globals are put back after every test so that no file
          // sees another's; the modules' own caches are what a page would share.
          isolate: false,
          restoreMocks: true,
          unstubGlobals: true
        }
      },
      {
        // The db and api suites on PGlite.
        extends: true,
        test: {
          name: 'node',
          include: ['tests/{db,api}/**/*.test.ts'],
          exclude: ['**/*.pg.test.ts'],
          // As for `unit`: each file makes its own database or stack, and no file mocks
          // a module, so they share a module graph (PGlite, supabase-js, the server)
          // per worker. Measured, this project and `pg` alone: 252 → 182 CPU-s, 139 → 104 s.
          isolate: false,
          // A migrated database and a started data directory, made once (PGlite's initdb is slow).
          globalSetup: ['./tests/support/pglite-setup.ts']
        }
      },
      {
        // The db and api suites again on a real PostgreSQL: one throw-away cluster for
        // the run, a database per test file from a migrated template (server mode).
        extends: true,
        test: {
          name: 'pg',
          include: ['tests/{db,api}/**/*.test.ts'],
          exclude: ['**/*.pglite.test.ts'],
          isolate: false, // as above
          globalSetup: ['./tests/support/postgres-setup.ts'],
          env: { REGIONKARTAN_TEST_PG: '1' }
        }
      },
      {
        // State classes with runes: Svelte's client runtime, so $derived caches
        // and $effect runs as in the browser (the server runtime does neither).
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'runes',
          include: ['tests/unit/**/*.svelte.test.ts'],
          environment: './tests/support/runes-environment.ts'
        }
      }
    ]
  }
});
