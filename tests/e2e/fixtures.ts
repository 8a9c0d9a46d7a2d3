// The e2e tests' shared setup, written once. Import `test` and `expect` from here.
//
//   map        a fresh copy of the seeded map for this test (maps.ts): map.url(path, query)
//              opens a page on it, map.idOf(seedId) gives the copy of a seeded node/relation
//   signIn     signIn(page, name?, role?) makes the person a member of `map` and puts their
//              session where LocalIdentity keeps it, before any page script runs
//   people     people.open(name, { role }) — someone else, in a browser context of their own
//   axe        axe(page, include?) — the WCAG 2.1 A/AA violations axe finds on the page (or
//              only in the part the CSS selector `include` picks)
//
// Every test fails on an uncaught page error or console error (of `page` and of people).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { MapMaker, type Account, type Role, type TestMap } from './maps';

const SESSION_KEY = 'regionkartan.session';

/** axe-core itself, put into a page once (by the DevTools protocol, so no CSP stops it). */
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8'
);
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Person extends Account {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** A new tab in the person's context (e.g. after closing the first), its errors collected too. */
  newPage(): Promise<Page>;
}

export interface People {
  /** Someone with a browser context of their own, a member of the test's map, no page loaded yet. */
  open(name: string, options?: { role?: Role }): Promise<Person>;
}

/**
 * Collects a page's errors. People go offline in some tests; the browser then logs
 * the failed requests itself, which is expected there.
 */
function watch(page: Page, errors: string[], label = '', offlineNoise = false): Page {
  page.on('pageerror', (e) => errors.push(`${label}pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (
      offlineNoise &&
      /ERR_INTERNET_DISCONNECTED|Failed to load resource|WebSocket/.test(m.text())
    )
      return;
    errors.push(`${label}console.error: ${m.text()}`);
  });
  return page;
}

/** Puts the session in localStorage before any of the context's page scripts run. */
async function storeSession(target: Page | BrowserContext, session: unknown): Promise<void> {
  await target.addInitScript(
    ([key, value]) => localStorage.setItem(key!, value!),
    [SESSION_KEY, JSON.stringify(session)]
  );
}

export const test = base.extend<
  {
    map: TestMap;
    signIn: (page: Page, name?: string, role?: Role) => Promise<Account>;
    people: People;
    axe: (page: Page, include?: string) => Promise<string[]>;
    pageErrors: string[];
  },
  { maps: MapMaker }
>({
  maps: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, workerInfo) => {
      const maps = await MapMaker.start(workerInfo.project.use.baseURL!);
      await use(maps);
      await maps.dropAll();
    },
    { scope: 'worker' }
  ],

  map: async ({ maps }, use, testInfo) => {
    const map = await maps.create(
      [...testInfo.titlePath, testInfo.repeatEachIndex, testInfo.retry].join(' › ')
    );
    await use(map);
    // Dropped once every page of the test is closed (before the next map is made).
    maps.retire(map.id);
  },

  signIn: async ({ maps, map }, use) => {
    await use(async (page, name = 'E2E-redigerare', role = 'editor') => {
      const account = await maps.account(name);
      await maps.addMember(map, account, role);
      await storeSession(page, map.session(account, role));
      return account;
    });
  },

  people: async ({ browser, maps, map }, use) => {
    const people: Person[] = [];
    await use({
      async open(name, { role = 'editor' } = {}) {
        const account = await maps.account(name);
        await maps.addMember(map, account, role);
        const context = await browser.newContext({
          locale: 'sv-SE',
          viewport: { width: 1280, height: 720 }
        });
        await storeSession(context, map.session(account, role));
        const errors: string[] = [];
        const label = `${name}: `;
        const person: Person = {
          ...account,
          context,
          errors,
          page: watch(await context.newPage(), errors, label, true),
          newPage: async () => (person.page = watch(await context.newPage(), errors, label, true))
        };
        people.push(person);
        return person;
      }
    });
    for (const person of people) await person.context.close();
    expect(
      people.flatMap((p) => p.errors),
      'a page reported errors'
    ).toEqual([]);
  },

  // axe-core's own axe.run, put into each page once. (@axe-core/playwright put the
  // 650 kB script in again and opened a blank page for every check: 3–4 s each here.)
  // eslint-disable-next-line no-empty-pattern -- as above: no dependencies
  axe: async ({}, use) => {
    await use(async (page, include) => {
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
      const results = await page.evaluate(
        ([selector, tags]) =>
          (
            window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }
          ).axe.run(selector ? { include: [selector] } : document, {
            runOnly: { type: 'tag', values: tags }
          }),
        [include ?? null, WCAG_21_AA] as const
      );
      return results.violations.map(
        (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
      );
    });
  },

  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watch(page, errors);
      await use(errors);
      expect(errors, 'the page reported errors').toEqual([]);
    },
    { auto: true }
  ]
});

export { expect };
export type { Account, Role, TestMap };
