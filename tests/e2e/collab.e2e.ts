// Editing together with two and three browser contexts on the test's own map:
// live changes in the list and both views, conflicts without lost updates,
// presence, an admin giving an editor the right to present, viewers refused, user text inert, and a connection drop with queued
// edits; axe (WCAG 2.1 A/AA) on the explorer as an editor, the node form with its
// errors and the conflict view along the way. How fast a change arrives is
// measured by `npm run bench:live`.
import { expect, test } from './fixtures';
import {
  createNodeOnMap,
  dragGraphNode,
  explorerAs,
  graphPosition,
  graphNodes,
  listRow,
  mapNodes,
  openEdit,
  startNodeOnMap
} from './collab-helpers';
import { LEKEBERG, OREBRO, openPanel } from './explorer-helpers';

test('A creates a node, B sees it in the list and both views; both edit its title: B merges, nothing is lost; a node A drags in the graph moves in B’s, and a new layout replaces it for both', async ({
  people,
  map,
  axe
}) => {
  const a = await explorerAs(people, map, 'Anna');
  const b = await explorerAs(people, map, 'Bertil');
  expect(await axe(a.page)).toEqual([]);
  const [map0, graph0] = [await mapNodes(b.page), await graphNodes(b.page)];

  await createNodeOnMap(a.page, 'E2E Konfliktnod');
  await expect(listRow(b.page, 'E2E Konfliktnod')).toBeVisible();
  await expect(b.page.getByTestId('map-view')).toHaveAttribute(
    'data-visible-nodes',
    String(map0 + 1)
  );
  await expect(b.page.getByTestId('graph-view')).toHaveAttribute(
    'data-visible-nodes',
    String(graph0 + 1)
  );

  const formA = await openEdit(a.page, 'E2E Konfliktnod');
  const formB = await openEdit(b.page, 'E2E Konfliktnod');
  await formA.getByLabel('Namn').fill('E2E Annas titel');
  await formB.getByLabel('Namn').fill('E2E Bertils titel');
  await formA.getByRole('button', { name: 'Spara' }).click();
  await expect(formA).toBeHidden();
  await formB.getByRole('button', { name: 'Spara' }).click();

  const conflict = b.page.getByTestId('conflict-view');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-mine')).toHaveText('E2E Bertils titel');
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('E2E Annas titel');
  expect(await axe(b.page)).toEqual([]);
  await conflict.getByRole('radio', { name: 'Båda' }).check();
  await conflict.getByRole('button', { name: 'Slå ihop' }).click();
  await expect(conflict).toBeHidden();

  const merged = 'E2E Bertils titel / E2E Annas titel';
  await expect(listRow(b.page, merged)).toBeVisible();
  await expect(listRow(a.page, merged)).toBeVisible();

  // A node Anna drags in the graph stays where she put it, and moves there in Bertil's.
  const lekeberg = map.idOf(LEKEBERG);
  const before = await dragGraphNode(a.page, lekeberg, 80, 40);
  const after = await graphPosition(a.page, lekeberg);
  expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(10);
  await expect
    .poll(async () => {
      const there = await graphPosition(b.page, lekeberg);
      return Math.hypot(there.x - after.x, there.y - after.y);
    })
    .toBeLessThan(0.01);

  // Laid out again, the move is gone for both: Bertil's graph shows Anna's new picture.
  // The new picture may sit elsewhere as a whole, so Lekeberg is compared with Örebro.
  const orebro = map.idOf(OREBRO);
  const fromOrebro = async () => {
    const [l, o] = [await graphPosition(a.page, lekeberg), await graphPosition(a.page, orebro)];
    return { x: l.x - o.x, y: l.y - o.y };
  };
  const dragged = await fromOrebro();
  const tools = await openPanel(a.page, 'Verktyg');
  await tools.getByRole('button', { name: 'Lägg ut grafen på nytt' }).click();
  await expect
    .poll(async () => {
      const now = await fromOrebro();
      const mine = await graphPosition(a.page, lekeberg);
      const there = await graphPosition(b.page, lekeberg);
      return (
        Math.hypot(now.x - dragged.x, now.y - dragged.y) > 10 &&
        Math.hypot(there.x - mine.x, there.y - mine.y) < 0.01
      );
    })
    .toBe(true);
});

test('presence shows all three; the admin lets an editor present; a viewer has no edit buttons and a forged write is refused; XSS payloads stay inert and the form says what is wrong', async ({
  people,
  map,
  request,
  axe
}) => {
  const a = await explorerAs(people, map, 'Anna', 'admin');
  const b = await explorerAs(people, map, 'Bertil');
  const v = await explorerAs(people, map, 'Vera Läsare', 'viewer');
  for (const p of [a, b, v]) {
    await expect(p.page.getByTestId('presence-person')).toHaveCount(3);
  }

  // Presenting rights: only the admin sees the members; an editor's box gives the right.
  const canPresent = async (token: string) =>
    (
      await request.post('/rest/v1/rpc/can_present', {
        headers: map.headers(token),
        data: { p_map_id: map.id }
      })
    ).json();
  expect(await canPresent(b.token)).toBe(false);
  await openPanel(a.page, 'Samarbete');
  const members = a.page.getByTestId('members');
  for (const [name, role] of [
    ['Anna', 'administratör'],
    ['Bertil', 'redigerare'],
    ['Vera Läsare', 'läsare']
  ]) {
    await expect(members.getByRole('listitem').filter({ hasText: name })).toContainText(role!);
  }
  await expect(members.getByRole('checkbox')).toHaveCount(1); // editors only
  await members.getByRole('checkbox', { name: 'Bertil får presentera' }).check();
  await expect.poll(() => canPresent(b.token)).toBe(true);
  expect(await axe(a.page, '[data-testid="members"]')).toEqual([]);
  await openPanel(b.page, 'Samarbete');
  await expect(b.page.getByTestId('collab-panel')).toBeVisible();
  await expect(b.page.getByTestId('members')).toHaveCount(0);
  // Bertil cannot give the right to Vera himself: RLS hides the row from him.
  const forgedRight = await request.patch(
    `/rest/v1/map_members?map_id=eq.${map.id}&user_id=eq.${v.userId}`,
    {
      headers: { ...map.headers(b.token), prefer: 'return=representation' },
      data: { may_present: true }
    }
  );
  expect(await forgedRight.json()).toEqual([]);
  expect(await canPresent(v.token)).toBe(false);
  for (const p of [a, b]) await openPanel(p.page, 'Lista');
  await createNodeOnMap(a.page, 'E2E Skyddad nod');
  // A's selection is shown to the others, in the list and as a marker on the map.
  await expect(v.page.getByTestId('presence')).toContainText('E2E Skyddad nod');
  await expect(v.page.getByTestId('map-view')).not.toHaveAttribute('data-remote', '');

  await expect(v.page.getByTestId('edit-toolbar')).toHaveCount(0);
  await expect(v.page.getByTestId('edit-reason')).toHaveText(/Du kan bara titta/);
  await listRow(v.page, 'E2E Skyddad nod').click();
  const actions = v.page.getByTestId('item-actions');
  await expect(actions.getByRole('button', { name: 'Historik' })).toBeVisible();
  await expect(actions.getByRole('button', { name: /Redigera|Ta bort|Koppla/ })).toHaveCount(0);

  // The same writes, forged through the API with the viewer's own token: RLS refuses them.
  const headers = { ...map.headers(v.token), prefer: 'return=representation' };
  const id = await v.page
    .getByTestId('list-nodes')
    .locator('tr[aria-current="true"]')
    .getAttribute('data-id');
  const patch = await request.patch(`/rest/v1/nodes?id=eq.${id}`, {
    headers,
    data: { title: 'E2E Hackad' }
  });
  expect(await patch.json()).toEqual([]);
  const insert = await request.post('/rest/v1/nodes', {
    headers,
    data: { map_id: map.id, kind: 'organisation', title: 'E2E Intrång' }
  });
  expect(insert.status()).toBe(403);
  await expect(listRow(a.page, 'E2E Skyddad nod')).toBeVisible();

  // User text is never executed: titles, descriptions and urls with payloads.
  const title = 'E2E <img src=x onerror="window.__xss=1">';
  await startNodeOnMap(a.page);
  const box = (await a.page.locator('.maplibregl-canvas').boundingBox())!;
  await a.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const form = a.page.getByTestId('node-form');
  await form
    .getByLabel('Beskrivning')
    .fill('<script>window.__xss=2</script> [x](javascript:alert(1))');
  await form.getByLabel('Webbadress').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Skapa' }).click();
  // Without a name and with a javascript: address: the errors are said, focused and named.
  await expect(form.getByRole('alert')).toBeFocused();
  await expect(form.getByLabel('Namn')).toHaveAccessibleDescription('Skriv ett namn.');
  await expect(form.getByText('Webbadressen måste börja med https://')).toBeVisible();
  expect(await axe(a.page)).toEqual([]);
  await form.getByLabel('Namn').fill(title);
  await form.getByRole('button', { name: 'Skapa' }).click();
  await expect(form.getByText('Webbadressen måste börja med https://')).toBeVisible();
  await form.getByLabel('Webbadress').fill('');
  await form.getByRole('button', { name: 'Skapa' }).click();
  await expect(form).toBeHidden();

  // The database refuses a javascript: url even when the form is bypassed.
  const forged = await request.patch(
    `/rest/v1/nodes?map_id=eq.${map.id}&title=eq.${encodeURIComponent(title)}`,
    { headers: map.headers(a.token), data: { url: 'javascript:alert(1)' } }
  );
  expect(forged.status()).toBe(400);

  for (const p of [a, b, v]) {
    await listRow(p.page, title).click();
    await expect(
      p.page.getByTestId('details-panel').getByRole('heading', { name: title })
    ).toBeVisible();
    // The map labels the selected node over its canvas: as text.
    await expect(
      p.page.locator('.rk-highlight[data-state="selected"] .rk-highlight-label')
    ).toHaveText(title);
    await p.page.getByTestId('item-actions').getByRole('button', { name: 'Historik' }).click();
    await expect(p.page.getByTestId('history')).toContainText('Anna skapade');
    await p.page.keyboard.press('Escape');
    expect(await p.page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await expect(p.page.locator('a[href^="javascript:" i]')).toHaveCount(0);
    await expect(p.page.locator('img[src="x"]')).toHaveCount(0);
  }
});

test('undo and redo of one’s own edits, including a delete, by an editor; a dropped connection is shown, queued edits land and the client catches up', async ({
  people,
  map
}) => {
  const a = await explorerAs(people, map, 'Anna');
  const b = await explorerAs(people, map, 'Bertil');
  await createNodeOnMap(a.page, 'E2E Ångra mig');
  const form = await openEdit(a.page, 'E2E Ångra mig');
  await form.getByLabel('Namn').fill('E2E Ångrad titel');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(listRow(b.page, 'E2E Ångrad titel')).toBeVisible();

  // Delete, then Ctrl+Z (outside any field) restores it — for the others too.
  await a.page.getByTestId('item-actions').getByRole('button', { name: 'Ta bort' }).click();
  await expect(listRow(b.page, 'E2E Ångrad titel')).toBeHidden();
  await a.page.locator('body').click({ position: { x: 5, y: 5 } });
  await a.page.keyboard.press('Control+z');
  await expect(listRow(b.page, 'E2E Ångrad titel')).toBeVisible();
  await a.page.keyboard.press('Control+z');
  await expect(listRow(b.page, 'E2E Ångra mig')).toBeVisible();
  await a.page.keyboard.press('Control+Shift+z');
  await expect(listRow(b.page, 'E2E Ångrad titel')).toBeVisible();
  await expect(a.page.getByTestId('edit-notices')).toContainText('Gjort om: ändra');

  // Bertil's connection drops: it is said, and what he edits meanwhile is kept on the device.
  await b.context.setOffline(true);
  const banner = b.page.getByRole('alert').filter({ hasText: 'Anslutningen bröts' });
  await expect(banner).toBeVisible();
  const offline = await openEdit(b.page, 'E2E Ångrad titel');
  await offline.getByLabel('Namn').fill('E2E Ändrad offline');
  await offline.getByRole('button', { name: 'Spara' }).click();
  await expect(offline).toBeHidden();
  await expect(b.page.getByTestId('edit-notices')).toContainText(
    'skickas när anslutningen är tillbaka'
  );
  await expect(banner).toContainText('Ändringar som väntar på att skickas: 1');

  // Meanwhile Anna adds a node Bertil cannot hear about.
  await createNodeOnMap(a.page, 'E2E Nod under avbrottet');

  // Back online: Bertil's client reconnects (after its back-off) and catches up.
  await b.context.setOffline(false);
  await expect(banner).toBeHidden({ timeout: 15_000 });
  await expect(listRow(b.page, 'E2E Nod under avbrottet')).toBeVisible();
  await expect(listRow(a.page, 'E2E Ändrad offline')).toBeVisible();
  await expect(b.page.getByTestId('edit-notices')).toContainText(
    'Väntande ändringar har sparats: 1'
  );
});
