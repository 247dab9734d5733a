// The HTML page in a real browser (Debian's chromium driven by playwright-core): the page loads
// from a file with no network, shows the lanes, generation bands, ownership grid and the violation,
// and a screenshot is taken; then one page per story a reader meets (group, commit, replication,
// mismatch: traces/render/examples/), each checked for what it must show and screenshotted
// (KSPEC_SCREENSHOT_DIR keeps the PNGs to look at). Chromium is installed by ensure-chromium.sh when missing (root + apt);
// elsewhere the test skips with the reason, except in CI (CI=true), where a missing browser fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import test from 'ava';
import { EXAMPLE_KINDS, exampleTrace } from '../testing/example-traces.ts';
import { sampleTrace } from '../testing/sample-trace.ts';
import { renderHtml } from './html.ts';

const CHROMIUM = '/usr/bin/chromium';
/** The one DOM global used here (the project's lib has no DOM types). */
type BrowserGlobals = { getComputedStyle(element: unknown): { backgroundColor: string } };
const ensureScript = fileURLToPath(new URL('./ensure-chromium.sh', import.meta.url));

function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  try {
    execFileSync('bash', [ensureScript], { stdio: 'inherit', timeout: 15 * 60 * 1000 });
  } catch {
    return false;
  }
  return existsSync(CHROMIUM);
}

const available = browserAvailable();
const inCi = process.env.CI === 'true';
const browserTest = available || inCi ? test.serial : test.serial.skip;
const title = available
  ? 'the HTML page shows lanes, generation bands, ownership over time and the violation in headless chromium'
  : 'the HTML page in headless chromium (skipped: no chromium and cannot install it here; run traces/render/ensure-chromium.sh as root)';

async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // playwright gives every launch a fresh temporary profile (the --user-data-dir of toolchain.md).
  });
}

browserTest(title, async (t) => {
  t.true(available, `chromium is required in CI: ${CHROMIUM} missing after ${ensureScript}`);
  const directory = mkdtempSync(join(tmpdir(), 'kspec-html-'));
  const browser = await launch();
  try {
    const trace = sampleTrace();
    const file = join(directory, 'trace.html');
    writeFileSync(file, renderHtml(trace));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);

    t.deepEqual(requested, [pathToFileURL(file).href], 'the page loads nothing but itself');
    t.deepEqual(errors, []);
    t.regex((await page.textContent('h1')) ?? '', /counterexample\s*OC-2 seed 42/);
    t.regex(
      (await page.textContent('#violation')) ?? '',
      /OC-2.*commit with generation 1 accepted.*step #9/s,
    );
    t.deepEqual(await page.$$eval('#lanes th.lane', (cells) => cells.map((cell) => cell.textContent)), [
      'c1',
      'p1',
      'c2',
      'Coordinator',
      'Brokers',
    ]);
    // The violating step is highlighted, and the violation link points at it.
    const violating = page.locator('#lanes tr.violating');
    t.is(await violating.count(), 1);
    t.is(await violating.getAttribute('data-seq'), '9');
    t.is(await violating.getAttribute('id'), 'violating-step');
    t.is(
      await violating
        .locator('td.seq')
        .evaluate((cell) => (globalThis as unknown as BrowserGlobals).getComputedStyle(cell).backgroundColor),
      'rgb(253, 231, 231)',
    );
    t.regex(
      (await violating.locator('td.lane[data-lane="c1"]').textContent()) ?? '',
      /OffsetCommit g gen 1.*OC-2: commit with generation 1/s,
    );
    t.regex(
      (await violating.locator('td.lane[data-lane="Coordinator"]').textContent()) ?? '',
      /model: commit-response.*ILLEGAL_GENERATION/,
    );
    // Generation bands: generation 1 after step 1, generation 2 from step 6, a new band where it changes.
    const bands = await page.$$eval('#lanes tr.step', (rows) =>
      rows.map(
        (row) =>
          [row.querySelector('td.band')?.textContent ?? '', row.classList.contains('gen-start')] as const,
      ),
    );
    t.deepEqual(bands[1], ['g: gen 1 · CompletingRebalance', true]);
    t.deepEqual(bands[5], ['g: gen 1 · PreparingRebalance', false]);
    t.deepEqual(bands[6], ['g: gen 2 · CompletingRebalance', true]);
    t.deepEqual(bands[8], ['g: gen 2 · Stable', false]);
    // Ownership over time: c1 owns all three after its first sync; after the second rebalance t-2 is c2's.
    const owner = (partition: string, step: number) =>
      page.locator(`#ownership tr[data-partition="${partition}"] td[data-step="${step}"]`).textContent();
    t.is(await owner('t-0', 2), 'c1');
    t.is(await owner('t-2', 2), 'c1');
    t.is(await owner('t-2', 6), '', 'c1 revoked its partitions when it joined again');
    t.is(await owner('t-2', 8), 'c2');
    t.is(await owner('t-0', 9), 'c1');
    t.is(await page.locator('#ownership td.split').count(), 0);
    // The trace is embedded, whole.
    t.deepEqual(JSON.parse((await page.textContent('#kspec-trace')) ?? ''), trace);
    // Clicking a lane header highlights the rows where that lane acts.
    await page.click('#lanes th.lane[data-lane="c2"]');
    t.deepEqual(
      await page.$$eval('#lanes tr.highlight', (rows) => rows.map((row) => row.getAttribute('data-seq'))),
      ['4', '6', '8'],
    );

    const screenshots = process.env.KSPEC_SCREENSHOT_DIR ?? directory;
    mkdirSync(screenshots, { recursive: true });
    const screenshot = join(screenshots, 'trace-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    t.true(statSync(screenshot).size > 10_000, 'the screenshot has content');
    t.log(`screenshot: ${screenshot}`);
  } finally {
    await browser.close();
    if (!process.env.KSPEC_SCREENSHOT_DIR) rmSync(directory, { recursive: true, force: true });
  }
});

const kindsTitle = available
  ? 'each story (group, commit, replication, mismatch) renders in headless chromium with what it must show'
  : 'each story in headless chromium (skipped: no chromium and cannot install it here)';

browserTest(kindsTitle, async (t) => {
  t.true(available, `chromium is required in CI: ${CHROMIUM} missing after ${ensureScript}`);
  const directory = mkdtempSync(join(tmpdir(), 'kspec-html-'));
  const screenshots = process.env.KSPEC_SCREENSHOT_DIR ?? directory;
  mkdirSync(screenshots, { recursive: true });
  const browser = await launch();
  try {
    for (const kind of EXAMPLE_KINDS) {
      const trace = exampleTrace(kind);
      const file = join(directory, `${kind}.html`);
      writeFileSync(file, renderHtml(trace));
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(pathToFileURL(file).href);
      t.deepEqual(errors, [], kind);
      t.deepEqual(requested, [pathToFileURL(file).href], `${kind}: the page loads nothing but itself`);
      t.true(await page.locator('#key').isVisible(), `${kind}: the key is shown`);
      t.regex((await page.textContent('#key')) ?? '', /final phase/);
      t.is(await page.locator('#lanes tr.violating').count(), 1, kind);
      // No client-side call drawn as a message: a row whose event is local has no arrow.
      t.is(await page.locator('#lanes td.lane:has(.event.local) .arrow').count(), 0, kind);
      // Kafka's table never lists kspec's own settings.
      for (const name of ['brokers', 'partitions'])
        t.is(await page.locator(`#config tr[data-setting="${name}"]`).count(), 0, `${kind}: ${name}`);
      const shot = join(screenshots, `trace-${kind}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      t.true(statSync(shot).size > 10_000, `${kind}: the screenshot has content`);
      t.log(`screenshot: ${shot}`);
      if (kind === 'replication') {
        const cell = page.locator('#lanes tr[data-seq="1"] td.replication .repl.changed');
        t.regex(
          (await cell.textContent()) ?? '',
          /t-0: leader b1 \(epoch 0\), ISR \[b1,b2,b0\], HW 0, LEO b1=1/,
        );
        t.true(await cell.isVisible());
      }
      if (kind === 'mismatch') {
        t.true(await page.locator('#mismatch').isVisible());
        t.deepEqual(
          await page.$$eval('#mismatch tbody tr', (rows) =>
            rows.map((row) => [...row.children].slice(1).map((cell) => cell.textContent)),
          ),
          [['partitions[0].error', 'ILLEGAL_GENERATION', 'NONE']],
        );
      }
      if (kind === 'commit')
        t.true((await page.locator('#lanes .event.local').count()) >= 2, 'poll and crash are local calls');
      await page.close();
    }
  } finally {
    await browser.close();
    if (!process.env.KSPEC_SCREENSHOT_DIR) rmSync(directory, { recursive: true, force: true });
  }
});
