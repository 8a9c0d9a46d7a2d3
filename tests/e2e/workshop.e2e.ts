// A mock workshop: one presenter (admin) and three participants, one of them on
// a phone. Following moves the participants' views; breaking away and following
// again; a proposal appears for everyone; a second vote is refused; accepting
// makes a node with the right source; hiding removes it for everyone; the
// narrative renders <script> and onerror inert; axe finds no A/AA violation in
// presenter mode, the presenter window, the projector view and on the phone.
import { readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const MAP_ID = '00000000-0000-4000-8000-000000000001';
const SESSION_KEY = 'regionkartan.session';
const WAIT = { timeout: 15_000 };

/** The e2e stack's admin token (its data directory is the newest regionkartan-e2e-* one). */
async function adminToken(): Promise<string> {
  const dirs = (await readdir(tmpdir())).filter((d) => d.startsWith('regionkartan-e2e-'));
  const withTime = await Promise.all(
    dirs.map(async (d) => ({ d, t: (await stat(join(tmpdir(), d))).mtimeMs }))
  );
  const newest = withTime.sort((a, b) => b.t - a.t)[0]!.d;
  const identity = JSON.parse(await readFile(join(tmpdir(), newest, 'identity.json'), 'utf8'));
  return identity.adminToken as string;
}

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
  );
}

interface Person {
  context: BrowserContext;
  page: Page;
}

/** A browser context signed in through /auth/local/join with the given codes. */
async function person(
  browser: Browser,
  name: string,
  body: Record<string, string>,
  viewport = { width: 1300, height: 900 }
): Promise<Person> {
  const context = await browser.newContext({ locale: 'sv-SE', viewport });
  const page = await context.newPage();
  if (Object.keys(body).length) {
    const response = await page.request.post('/auth/local/join', {
      data: { display_name: name, map_id: MAP_ID, ...body }
    });
    expect(response.ok(), await response.text()).toBe(true);
    const json = await response.json();
    const session = {
      accessToken: json.access_token,
      userId: json.user_id,
      role: json.role,
      mapId: json.map_id,
      profile: json.profile ?? { display_name: name },
      expiresAt: json.expires_at * 1000
    };
    await page.addInitScript(
      ([key, value]) => localStorage.setItem(key!, value!),
      [SESSION_KEY, JSON.stringify(session)]
    );
  }
  return { context, page };
}

const people: Person[] = [];
test.afterAll(async () => {
  for (const p of people.splice(0)) await p.context.close();
});

test('a workshop: stories, presenting, following, joining from a phone and a live round', async ({
  browser,
  baseURL
}) => {
  test.setTimeout(240_000);
  const presenter = await person(browser, 'E2E Presentatör', { admin_token: await adminToken() });
  people.push(presenter);
  const p = presenter.page;

  // --- a story with two steps, the first with a hostile narrative
  await p.goto('/utforska?test');
  await expect(p.getByTestId('map-view')).toHaveAttribute('data-ready', 'true', WAIT);
  await p.getByText('Workshop', { exact: true }).click();
  await p.getByLabel('Berättelsens titel').fill('E2E berättelse');
  await p.getByRole('button', { name: 'Ny berättelse' }).click();
  await p.getByLabel('Stegets titel').fill('Länet');
  await p.getByRole('button', { name: 'Spara vyn som steg' }).click();
  await expect(p.getByTestId('steps').getByText('Länet', { exact: true })).toBeVisible(WAIT);
  await p.evaluate(() =>
    (
      window as unknown as { __regionkartanExplorer: { setViewMode(v: string): void } }
    ).__regionkartanExplorer.setViewMode('graph')
  );
  await expect(p).toHaveURL(/vy=graph/, WAIT);
  await p.getByLabel('Stegets titel').fill('Grafen');
  await p.getByRole('button', { name: 'Spara vyn som steg' }).click();
  await expect(p.getByTestId('steps').getByText('Grafen', { exact: true })).toBeVisible(WAIT);
  // Reorder by keyboard and back.
  await p.getByTestId('steps').locator('li').nth(1).focus();
  await p.keyboard.press('Alt+ArrowUp');
  await expect(p.getByTestId('steps').locator('li').first()).toContainText('Grafen', WAIT);
  await p.getByRole('button', { name: 'Flytta ner Grafen' }).click();
  await expect(p.getByTestId('steps').locator('li').first()).toContainText('Länet', WAIT);
  await p.getByRole('button', { name: 'Redigera Länet' }).click();
  await p
    .getByLabel('Berättelse (Markdown)')
    .fill(
      '**Länet** i korthet\n\n<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
    );
  await p.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(p.getByTestId('narrative').locator('strong')).toHaveText('Länet', WAIT);

  // --- a round
  await p.getByLabel('Fråga').fill('E2E Vilka stöd finns för juridik?');
  await p.getByLabel('Röster per deltagare').fill('3');
  await p.getByRole('button', { name: 'Öppna rundan' }).click();
  await expect(p.getByTestId('round-question')).toHaveText(
    'E2E Vilka stöd finns för juridik?',
    WAIT
  );

  // --- presenter mode in a second tab; the join code
  const stage = await presenter.context.newPage();
  const storyHref = await p.getByRole('link', { name: 'Presentera' }).getAttribute('href');
  await stage.goto(`${storyHref}&test`);
  await expect(stage.getByTestId('presenter')).toBeVisible(WAIT);
  await expect(stage.getByTestId('narrative').locator('strong')).toHaveText('Länet', WAIT);
  await expect
    .poll(
      () =>
        stage.evaluate(() => {
          const w = (
            window as unknown as {
              __regionkartanWorkshop?: { presentation: unknown; error: unknown };
            }
          ).__regionkartanWorkshop;
          return JSON.stringify({
            p: Boolean(w?.presentation),
            e: w?.error ?? null,
            w: Boolean(w)
          });
        }),
      WAIT
    )
    .toBe(JSON.stringify({ p: true, e: null, w: true }));
  await stage.getByRole('button', { name: 'Visa hur man går med' }).click();
  const shown = await stage.getByTestId('join-code').textContent({ timeout: 15_000 });
  const code = shown!.replace('-', '');
  expect(await stage.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await stage.getByTestId('narrative').locator('script, img').count()).toBe(0);

  // --- participants: two at desks (joined with the code), one on a phone (the QR address)
  const anna = await person(browser, 'E2E Anna', { join_code: code });
  const bo = await person(browser, 'E2E Bo', { join_code: code });
  const phone = await person(browser, 'E2E Cia', {}, { width: 390, height: 844 });
  people.push(anna, bo, phone);
  for (const x of [anna, bo]) {
    await x.page.goto('/utforska?test');
    await expect(x.page.getByTestId('follow-state')).toHaveAttribute(
      'data-following',
      'true',
      WAIT
    );
  }
  await phone.page.goto(`/delta?kod=${code}`);
  await phone.page.getByLabel('Ditt namn').fill('E2E Cia');
  await phone.page.getByRole('button', { name: 'Gå med' }).click();
  await expect(phone.page.getByTestId('round-question')).toBeVisible(WAIT);
  expect(await violations(phone.page)).toEqual([]);

  // --- following: the next step moves everyone's view
  await stage.keyboard.press('ArrowRight');
  await expect(stage.getByTestId('presenter')).toHaveAttribute('data-step', '1', WAIT);
  for (const x of [anna, bo]) await expect(x.page).toHaveURL(/vy=graph/, WAIT);
  // Anna, Bo, Cia's phone and the presenter's own explorer tab.
  await expect(stage.getByTestId('followers')).toContainText('4 följer', WAIT);

  // Anna breaks away (her own view mode), then follows again.
  await anna.page.evaluate(() =>
    (
      window as unknown as { __regionkartanExplorer: { setViewMode(v: string): void } }
    ).__regionkartanExplorer.setViewMode('map')
  );
  await expect(anna.page.getByTestId('follow-state')).toHaveAttribute(
    'data-following',
    'false',
    WAIT
  );
  await stage.keyboard.press('ArrowLeft');
  await expect(bo.page).not.toHaveURL(/vy=graph/, WAIT);
  await stage.keyboard.press('ArrowRight');
  await expect(bo.page).toHaveURL(/vy=graph/, WAIT);
  await expect(anna.page).toHaveURL(/vy=map/);
  await anna.page.getByRole('button', { name: 'Följ igen' }).click();
  await expect(anna.page).toHaveURL(/vy=graph/, WAIT);
  await expect(anna.page.getByTestId('follow-state')).toHaveAttribute(
    'data-following',
    'true',
    WAIT
  );

  // --- a proposal from the phone appears for everyone
  await phone.page.getByLabel('Titel').fill('E2E Juristnätverket');
  await phone.page.getByLabel('Kommun').selectOption({ label: 'Laxå' });
  await phone.page.getByRole('button', { name: 'Skicka förslaget' }).click();
  await expect(phone.page.getByText('Förslaget är skickat.')).toBeVisible(WAIT);
  await phone.page.getByLabel('Titel').fill('E2E Olämpligt');
  await phone.page.getByRole('button', { name: 'Skicka förslaget' }).click();
  for (const x of [anna.page, bo.page, phone.page, p]) {
    const panel = x.getByTestId('workshop-panel');
    if (await panel.count()) await panel.evaluate((el) => ((el as HTMLDetailsElement).open = true));
    await expect(x.getByTestId('proposal').filter({ hasText: 'E2E Juristnätverket' })).toBeVisible(
      WAIT
    );
    await expect(x.getByTestId('proposal').filter({ hasText: 'E2E Olämpligt' })).toBeVisible(WAIT);
  }

  // --- one vote counts, a second on the same proposal is refused
  const vote = anna.page.getByRole('button', { name: 'Rösta på E2E Juristnätverket' });
  await vote.click();
  await expect(vote).toHaveAttribute('aria-pressed', 'true', WAIT);
  await vote.click();
  await expect(anna.page.getByRole('alert')).toContainText('Rösten togs inte emot', WAIT);
  await expect(
    p.getByTestId('proposal').filter({ hasText: 'E2E Juristnätverket' }).getByTestId('votes')
  ).toHaveText('1 röster', WAIT);

  // --- hide removes it for everyone; accept makes a node with the right source
  await p.getByRole('button', { name: 'Dölj E2E Olämpligt' }).click();
  for (const x of [anna.page, bo.page, phone.page]) {
    await expect(x.getByTestId('proposal').filter({ hasText: 'E2E Olämpligt' })).toHaveCount(
      0,
      WAIT
    );
  }
  await p.getByRole('button', { name: 'Godta E2E Juristnätverket' }).click();
  await expect(
    p.getByTestId('proposal').filter({ hasText: 'E2E Juristnätverket' })
  ).toHaveAttribute('data-status', 'accepted', WAIT);
  const config = await (await fetch(`${baseURL}/config.json`)).json();
  const nodes = await (
    await fetch(
      `${baseURL}/rest/v1/nodes?title=eq.E2E%20Juristn%C3%A4tverket&select=source,municipality_code`,
      {
        headers: { apikey: config.anonKey }
      }
    )
  ).json();
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  expect(nodes).toEqual([
    {
      source: `Workshoprunda "E2E Vilka stöd finns för juridik?", ${today}, förslag av E2E Cia`,
      municipality_code: '1860'
    }
  ]);

  // --- accessibility: presenter mode, the presenter window, the projector view, the phone
  expect(await violations(stage)).toEqual([]);
  const windowPage = await presenter.context.newPage();
  await windowPage.goto(`${storyHref}&fonster`);
  await expect(windowPage.getByTestId('presenter-window')).toBeVisible(WAIT);
  await expect(windowPage.getByTestId('next-step')).toContainText('sista', WAIT);
  expect(await violations(windowPage)).toEqual([]);
  const projector = await person(browser, 'projektor', {});
  people.push(projector);
  await projector.page.goto(`${storyHref}&projektor`);
  await expect(projector.page.getByTestId('projector')).toHaveAttribute('data-step', '1', WAIT);
  // No presenter controls (the map's own zoom buttons stay).
  await expect(projector.page.getByRole('navigation', { name: 'Presentera' })).toHaveCount(0);
  await expect(projector.page.getByRole('button', { name: 'Nästa' })).toHaveCount(0);
  expect(await violations(projector.page)).toEqual([]);
  expect(await violations(phone.page)).toEqual([]);

  // Esc leaves presenter mode. (The accepted "E2E …" node is soft-deleted by the suites' clean-up.)
  await stage.keyboard.press('Escape');
  await expect(stage).toHaveURL(/utforska/, WAIT);
});
