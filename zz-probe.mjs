import { chromium } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
function snapK() { const m = {}; for (const p of readdirSync('/proc')) { if (!/^\d+$/.test(p)) continue; try { const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8'); if (!cmd.includes('chromium')) continue; let k = cmd.match(/--type=([a-z-]+)/)?.[1] ?? 'browser'; if (k === 'utility') k += cmd.match(/sub-type=(\w+)/)?.[1]; const s = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' '); m[k] = (m[k] ?? 0) + +s[11] + +s[12]; } catch {} } return m; }
function snap() { let t = 0; for (const p of readdirSync('/proc')) { if (!/^\d+$/.test(p)) continue; try { const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8'); if (!cmd.includes('chromium')) continue; const s = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' '); t += +s[11] + +s[12]; } catch {} } return t; }
const args = (process.env.FLAGS ?? '').split(' ').filter(Boolean);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'sv-SE' });
const page = await ctx.newPage();
let c0 = snap(), t0 = Date.now();
await page.goto('http://127.0.0.1:5301/utforska?test' + (process.env.Q ?? ''));
await page.locator('[data-testid=map-view][data-ready=true]').waitFor({ timeout: 60000 });
await page.locator('[data-testid=graph-view][data-ready=true]').waitFor({ timeout: 60000 });
const load = [Date.now() - t0, snap() - c0];
await page.getByTestId('explorer-toolbar').getByRole('button', { name: 'Lista', exact: true }).click();
await page.waitForTimeout(1000);
const names = ['Örebro kommun', 'Lekebergs kommun', 'Laxå kommun', 'Hällefors kommun', 'Kumla kommun', 'Askersunds kommun'];
c0 = snap(); const k0 = snapK(); t0 = Date.now();
for (const n of [...names, ...names]) {
  await page.getByTestId('list-nodes').getByRole('button', { name: n, exact: true }).click();
  await page.getByTestId('details-panel').getByRole('heading', { level: 2, name: n }).waitFor();
}
console.log(JSON.stringify(args), 'load ms/cpu-cs', load, '12 clicks ms/cpu-cs', Date.now() - t0, snap() - c0);
const k1 = snapK(); console.log(Object.fromEntries(Object.keys(k1).map(k => [k, k1[k] - (k0[k] ?? 0)])));
await browser.close();
