// A mock workshop on a fresh map: one presenter (the map's admin) and three
// participants, one of them on a phone who joins with the workshop code. It
// covers the issue's list: following moves the participants' views (the same
// area on another screen shape), breaking away and following again; a proposal
// appears for everyone, in the list, on the map and in the graph; a second vote
// on the same proposal is refused; accepting makes a node with the right
// source; merging marks the proposal and names the round in the node's source;
// hiding removes it for everyone at once; the narrative renders <script> and
// onerror inert; axe finds no A/AA violation in presenter mode, the presenter
// window, the projector view and on the phone. One test: its pages are reused
// from step to step.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

type Box = [number, number, number, number];
interface WorkshopHook {
  presentation: unknown;
  error: unknown;
  presenter: { state: { view: { map: Box | null } } | null } | null;
  currentView(): { map: Box | null };
}

const workshopOf = (page: Page) =>
  page.evaluate(() => {
    const w = (window as unknown as { __regionkartanWorkshop?: WorkshopHook })
      .__regionkartanWorkshop;
    return {
      presenting: Boolean(w?.presentation),
      error: w?.error ?? null,
      shown: w?.currentView().map ?? null,
      relayed: w?.presenter?.state?.view.map ?? null
    };
  });

const setViewMode = (page: Page, mode: string) =>
  page.evaluate(
    (m) =>
      (
        window as unknown as { __regionkartanExplorer: { setViewMode(v: string): void } }
      ).__regionkartanExplorer.setViewMode(m),
    mode
  );

/** The centre of a box, and whether another box's centre lies within a tenth of its size. */
function sameArea(a: Box | null, b: Box | null): boolean {
  if (!a || !b) return false;
  const [cx, cy] = [(a[0] + a[2]) / 2, (a[1] + a[3]) / 2];
  const [dx, dy] = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
  return Math.abs(cx - dx) < (a[2] - a[0]) / 10 && Math.abs(cy - dy) < (a[3] - a[1]) / 10;
}

const proposal = (page: Page, title: string) =>
  page.getByTestId('proposal').filter({ hasText: title });

test('a mock workshop: a story presented, followed, joined from a phone, a live round moderated', async ({
  page,
  map,
  signIn,
  people,
  axe
}) => {
  test.setTimeout(240_000);
  await signIn(page, 'E2E Presentatör', 'admin');
  await page.goto(map.url('/utforska', 'test'));
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: 'Workshop', exact: true }).click();

  // --- a story with two steps, the first with a hostile narrative
  await page.getByLabel('Berättelsens titel').fill('E2E berättelse');
  await page.getByRole('button', { name: 'Ny berättelse' }).click();
  await page.getByLabel('Stegets titel').fill('Länet');
  await page.getByRole('button', { name: 'Spara vyn som steg' }).click();
  const steps = page.getByTestId('steps');
  await expect(steps.getByText('Länet', { exact: true })).toBeVisible();
  await setViewMode(page, 'graph');
  await expect(page).toHaveURL(/vy=graph/);
  await page.getByLabel('Stegets titel').fill('Grafen');
  await page.getByRole('button', { name: 'Spara vyn som steg' }).click();
  await expect(steps.getByText('Grafen', { exact: true })).toBeVisible();
  // Reorder by keyboard, and back by button.
  await steps.locator('li').nth(1).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(steps.locator('li').first()).toContainText('Grafen');
  await page.getByRole('button', { name: 'Flytta ner Grafen' }).click();
  await expect(steps.locator('li').first()).toContainText('Länet');
  await page.getByRole('button', { name: 'Redigera Länet' }).click();
  await page
    .getByLabel('Berättelse (Markdown)')
    .fill(
      '**Länet** i korthet\n\n<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
    );
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page.getByTestId('narrative').locator('strong')).toHaveText('Länet');

  // --- a round
  await page.getByLabel('Fråga').fill('E2E Vilka stöd finns för juridik?');
  await page.getByLabel('Röster per deltagare').fill('3');
  await page.getByRole('button', { name: 'Öppna rundan' }).click();
  await expect(page.getByTestId('round-question')).toHaveText('E2E Vilka stöd finns för juridik?');

  // --- presenter mode in a second tab; the join code
  const stage = await page.context().newPage();
  const storyHref = await page.getByRole('link', { name: 'Presentera' }).getAttribute('href');
  await stage.goto(`${storyHref}&test`);
  await expect(stage.getByTestId('presenter')).toBeVisible();
  await expect(stage.getByTestId('narrative').locator('strong')).toHaveText('Länet');
  await expect.poll(async () => (await workshopOf(stage)).presenting).toBe(true);
  expect((await workshopOf(stage)).error).toBeNull();
  await stage.getByRole('button', { name: 'Visa hur man går med' }).click();
  const code = (await stage.getByTestId('join-code').textContent())!.replace('-', '');
  const qr = stage.getByRole('img', { name: 'QR-kod för att gå med' });
  await expect(qr.locator('svg')).toHaveCount(1);
  expect(await stage.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await stage.getByTestId('narrative').locator('script, img').count()).toBe(0);
  expect(await axe(stage)).toEqual([]);

  // --- participants: two at desks (another screen shape each), one on a phone (by the code)
  const anna = await people.open('E2E Anna', { role: 'participant' });
  const bo = await people.open('E2E Bo', { role: 'participant' });
  await bo.page.setViewportSize({ width: 1000, height: 700 });
  const cia = await people.open('E2E Cia', { role: 'viewer' });
  const phone = cia.page;
  await phone.setViewportSize({ width: 390, height: 844 });
  for (const x of [anna.page, bo.page]) {
    await x.goto(map.url('/utforska', 'test'));
    await expect(x.getByTestId('follow-state')).toHaveAttribute('data-following', 'true');
  }
  await phone.goto(`/delta?karta=${map.id}&kod=${code}`);
  await phone.getByLabel('Ditt namn').fill('E2E Cia');
  await phone.getByRole('button', { name: 'Gå med' }).click();
  await expect(phone.getByTestId('round-question')).toBeVisible();
  expect(await axe(phone)).toEqual([]);

  // --- following: the next step moves everyone's view, to the same area on any screen
  await stage.keyboard.press('ArrowRight');
  await expect(stage.getByTestId('presenter')).toHaveAttribute('data-step', '1');
  for (const x of [anna.page, bo.page]) await expect(x).toHaveURL(/vy=graph/);
  await stage.keyboard.press('ArrowLeft');
  for (const x of [anna.page, bo.page]) await expect(x).not.toHaveURL(/vy=graph/);
  await expect
    .poll(async () => {
      const { shown, relayed } = await workshopOf(bo.page);
      return sameArea(relayed, shown);
    })
    .toBe(true);
  // Anna, Bo, Cia's phone and the presenter's own explorer tab.
  await expect(stage.getByTestId('followers')).toContainText('4 följer');

  // Anna breaks away (a view of her own), then follows again.
  await setViewMode(anna.page, 'graph');
  await expect(anna.page.getByTestId('follow-state')).toHaveAttribute('data-following', 'false');
  await stage.keyboard.press('ArrowRight');
  await expect(bo.page).toHaveURL(/vy=graph/);
  await stage.keyboard.press('ArrowLeft');
  await expect(bo.page).not.toHaveURL(/vy=graph/);
  await expect(anna.page).toHaveURL(/vy=graph/);
  await anna.page.getByRole('button', { name: 'Följ igen' }).click();
  await expect(anna.page).not.toHaveURL(/vy=graph/);
  await expect(anna.page.getByTestId('follow-state')).toHaveAttribute('data-following', 'true');

  // --- proposals from the phone appear for everyone: in the list, on the map and in the graph
  for (const x of [anna.page, bo.page]) {
    await x.getByRole('button', { name: 'Workshop', exact: true }).click();
  }
  for (const title of ['E2E Juristnätverket', 'E2E Olämpligt', 'E2E Rådgivning']) {
    await phone.getByLabel('Titel').fill(title);
    await phone.getByLabel('Kommun').selectOption({ label: 'Laxå' });
    await phone.getByRole('button', { name: 'Skicka förslaget' }).click();
    await expect(phone.getByText('Förslaget är skickat.')).toBeVisible();
  }
  for (const x of [anna.page, bo.page, phone, page]) {
    await expect(proposal(x, 'E2E Juristnätverket')).toBeVisible();
    await expect(proposal(x, 'E2E Olämpligt')).toBeVisible();
  }
  for (const x of [anna.page, page]) {
    await expect(x.getByTestId('map-view')).toHaveAttribute('data-proposals', '3');
    await expect(x.getByTestId('graph-view')).toHaveAttribute('data-proposals', '3');
  }
  await page.getByRole('button', { name: 'Förklaring', exact: true }).click();
  await expect(page.getByTestId('legend-proposals')).toContainText('Förslag från workshopen');
  await page.getByRole('button', { name: 'Workshop', exact: true }).click();

  // --- one vote counts, a second on the same proposal is refused
  const vote = anna.page.getByRole('button', { name: 'Rösta på E2E Juristnätverket' });
  await vote.click();
  await expect(vote).toHaveAttribute('aria-pressed', 'true');
  await vote.click();
  await expect(anna.page.getByRole('alert')).toContainText('Rösten togs inte emot');
  await expect(proposal(page, 'E2E Juristnätverket').getByTestId('votes')).toHaveText('1 röster');

  // --- hiding removes it for everyone at once (list, map and graph)
  await page.getByRole('button', { name: 'Dölj E2E Olämpligt' }).click();
  for (const x of [anna.page, bo.page, phone]) {
    await expect(proposal(x, 'E2E Olämpligt')).toHaveCount(0);
  }
  await expect(anna.page.getByTestId('map-view')).toHaveAttribute('data-proposals', '2');
  await expect(anna.page.getByTestId('graph-view')).toHaveAttribute('data-proposals', '2');

  // --- accepting makes a node with the right source
  await page.getByRole('button', { name: 'Godta E2E Juristnätverket' }).click();
  await expect(proposal(page, 'E2E Juristnätverket')).toHaveAttribute('data-status', 'accepted');
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  const round = `Workshoprunda "E2E Vilka stöd finns för juridik?", ${today}`;
  const nodes = async (title: string) =>
    (
      await page.request.get(
        `/rest/v1/nodes?map_id=eq.${map.id}&title=eq.${encodeURIComponent(title)}&select=source,municipality_code`,
        { headers: map.headers() }
      )
    ).json();
  expect(await nodes('E2E Juristnätverket')).toEqual([
    { source: `${round}, förslag av E2E Cia`, municipality_code: '1860' }
  ]);

  // --- merging into an existing node: the proposal is marked, the node's source names the round
  await page.getByRole('button', { name: 'Slå ihop E2E Rådgivning' }).click();
  const dialog = page.getByRole('dialog', { name: 'Slå ihop E2E Rådgivning' });
  await dialog.getByLabel('Sök nod').fill('E2E Juristnät');
  await dialog.getByLabel('Nod', { exact: true }).selectOption({ label: 'E2E Juristnätverket' });
  await dialog.getByRole('button', { name: 'Slå ihop', exact: true }).click();
  await expect(proposal(page, 'E2E Rådgivning')).toHaveAttribute('data-status', 'merged');
  await expect(proposal(anna.page, 'E2E Rådgivning')).toHaveAttribute('data-status', 'merged');
  expect(await nodes('E2E Juristnätverket')).toEqual([
    {
      source: `${round}, förslag av E2E Cia; ${round}, förslag av E2E Cia (E2E Rådgivning)`,
      municipality_code: '1860'
    }
  ]);

  // --- the presenter window and the projector view (the desks' part is over: their pages close)
  await anna.page.close();
  await bo.page.close();
  const windowPage = await page.context().newPage();
  await windowPage.goto(`${storyHref}&fonster`);
  await expect(windowPage.getByTestId('presenter-window')).toBeVisible();
  await expect(windowPage.getByTestId('next-step')).toContainText('Grafen');
  expect(await axe(windowPage)).toEqual([]);
  await windowPage.close();
  const projector = await people.open('E2E Projektor', { role: 'viewer' });
  await projector.page.goto(`${storyHref}&projektor`);
  await expect(projector.page.getByTestId('projector')).toHaveAttribute('data-step', '0');
  await expect(projector.page.getByRole('navigation', { name: 'Presentera' })).toHaveCount(0);
  await expect(projector.page.getByRole('button', { name: 'Nästa' })).toHaveCount(0);
  await stage.keyboard.press('ArrowRight');
  await expect(projector.page.getByTestId('projector')).toHaveAttribute('data-step', '1');
  expect(await axe(projector.page)).toEqual([]);
  expect(await axe(phone)).toEqual([]);

  // Esc leaves presenter mode.
  await stage.keyboard.press('Escape');
  await expect(stage).toHaveURL(/utforska/);
  await stage.close();
});
