// Offline edits survive closing the tab: an edit saved while offline is kept on
// the device (localStorage, per map and user) and sent when the explorer opens
// again; if someone else changed the same node meanwhile, the conflict view
// shows both versions and nothing is lost.
import type { Page } from '@playwright/test';
import {
  createNodeOnMap,
  explorerAs,
  listRow,
  nodeFromApi,
  openEdit,
  reopen,
  storedQueues,
  type Person
} from './collab-helpers';
import { expect, test, type TestMap } from './fixtures';

/**
 * Goes offline and saves a new title for each node (from → to); returns the ids of
 * the queued writes, in order.
 */
async function editOffline(
  person: Person,
  map: TestMap,
  edits: [from: string, to: string][]
): Promise<string[]> {
  const { page } = person;
  await person.context.setOffline(true);
  const banner = page.getByRole('alert').filter({ hasText: 'Anslutningen bröts' });
  await expect(banner).toBeVisible();
  for (const [from, to] of edits) {
    const form = await openEdit(page, from);
    await form.getByLabel('Namn').fill(to);
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect(form).toBeHidden();
  }
  await expect(banner).toContainText(`Ändringar som väntar på att skickas: ${edits.length}`);

  // Kept on the device under this map and this user.
  const userId = await page.evaluate(
    () => JSON.parse(localStorage.getItem('regionkartan.session')!).userId as string
  );
  const queues = await storedQueues(page);
  expect(Object.keys(queues)).toEqual([`regionkartan.queue:${map.id}:${userId}`]);
  const { entries } = Object.values(queues)[0]!;
  expect(entries.map((e) => e.write.kind)).toEqual(edits.map(() => 'update'));
  return entries.map((e) => e.write.id);
}

const notices = (page: Page) => page.getByTestId('edit-notices');

// One tab closed with two edits queued: one is sent when the explorer opens again, the
// other meets someone else's newer version and waits in the conflict view.
test('edits saved offline are sent when the explorer opens again after the tab was closed; one edited meanwhile by someone else shows the conflict view, nothing is lost', async ({
  people,
  map
}) => {
  const a = await explorerAs(people, map, 'Anna');
  const b = await explorerAs(people, map, 'Bertil');
  await createNodeOnMap(a.page, 'E2E Före stängd flik');
  await createNodeOnMap(a.page, 'E2E Krock efter stängd flik');
  await expect(listRow(b.page, 'E2E Krock efter stängd flik')).toBeVisible();
  const url = a.page.url();
  const [sent, clash] = await editOffline(a, map, [
    ['E2E Före stängd flik', 'E2E Efter stängd flik'],
    ['E2E Krock efter stängd flik', 'E2E Annas offlinetitel']
  ]);
  await a.page.close();

  // Meanwhile Bertil saves another title for the second node.
  const formB = await openEdit(b.page, 'E2E Krock efter stängd flik');
  await formB.getByLabel('Namn').fill('E2E Bertils titel');
  await formB.getByRole('button', { name: 'Spara' }).click();
  await expect(formB).toBeHidden();
  expect(await nodeFromApi(b.page.request, map, clash!)).toEqual({
    title: 'E2E Bertils titel',
    version: 2
  });

  await a.context.setOffline(false);
  await reopen(a, url);
  await expect(notices(a.page)).toContainText('2 ändringar som inte hann sparas skickas nu.');
  await expect(notices(a.page)).toContainText('Väntande ändringar har sparats: 1');

  // The first is stored and shown to both.
  await expect(listRow(a.page, 'E2E Efter stängd flik')).toBeVisible();
  await expect(listRow(b.page, 'E2E Efter stängd flik')).toBeVisible();
  expect(await nodeFromApi(a.page.request, map, sent!)).toEqual({
    title: 'E2E Efter stängd flik',
    version: 2
  });

  // The second: both versions side by side; Bertil's was not overwritten by the replay.
  const conflict = a.page.getByTestId('conflict-view');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-mine')).toHaveText('E2E Annas offlinetitel');
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('E2E Bertils titel');
  expect(await nodeFromApi(a.page.request, map, clash!)).toEqual({
    title: 'E2E Bertils titel',
    version: 2
  });
  expect(await storedQueues(a.page)).toEqual({});

  await conflict.getByRole('button', { name: 'Behåll min' }).click();
  await expect(conflict).toBeHidden();
  await expect(listRow(a.page, 'E2E Annas offlinetitel')).toBeVisible();
  await expect(listRow(b.page, 'E2E Annas offlinetitel')).toBeVisible();
  expect(await nodeFromApi(a.page.request, map, clash!)).toEqual({
    title: 'E2E Annas offlinetitel',
    version: 3
  });
});
