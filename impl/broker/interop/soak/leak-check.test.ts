import test from 'ava';
import { checkLeaks, DEFAULT_TOLERANCE, type LeakSample } from './leak-check.ts';

const MB = 1024 * 1024;
const samples = (rss: (i: number) => number, fds: (i: number) => number): LeakSample[] =>
  Array.from({ length: 20 }, (_, i) => ({ atMs: i * 10_000, rssBytes: rss(i) * MB, openFds: fds(i) }));
const tolerance = { ...DEFAULT_TOLERANCE, warmUpMs: 50_000 };

test('flat memory and fds after the warm-up pass, whatever the warm-up did', (t) => {
  const verdict = checkLeaks(
    samples(
      (i) => (i < 5 ? 100 + 40 * i : 300 + (i % 3)),
      (i) => (i < 5 ? 50 * i : 250),
    ),
    tolerance,
  );
  t.true(verdict.ok, verdict.reason);
});

test('steady RSS growth after the warm-up is a leak', (t) => {
  const verdict = checkLeaks(
    samples(
      (i) => 200 + 15 * i,
      () => 250,
    ),
    tolerance,
  );
  t.false(verdict.ok);
  t.regex(verdict.reason, /^RSS grew from \d+ MB to \d+ MB/);
});

test('growing open fds are a leak; one fault window (fds drop) is not', (t) => {
  t.false(
    checkLeaks(
      samples(
        () => 300,
        (i) => 200 + 10 * i,
      ),
      tolerance,
    ).ok,
  );
  t.true(
    checkLeaks(
      samples(
        () => 300,
        (i) => (i === 18 ? 120 : 250),
      ),
      tolerance,
    ).ok,
  );
});

test('too few samples after the warm-up cannot show flatness', (t) => {
  const verdict = checkLeaks(
    samples(
      () => 300,
      () => 250,
    ).slice(0, 8),
    tolerance,
  );
  t.false(verdict.ok);
  t.regex(verdict.reason, /too few samples/);
});

test('samples taken while a broker was down are not compared: a baseline in a fault window is no leak', (t) => {
  const withFault = samples(
    () => 300,
    (i) => (i >= 5 && i <= 7 ? 150 : 250),
  ).map((sample, i) => ({ ...sample, allBrokersUp: !(i >= 5 && i <= 7) }));
  t.true(checkLeaks(withFault, tolerance).ok);
  // The same numbers without the flag look like growth from 150 to 250 fds.
  t.false(
    checkLeaks(
      withFault.map(({ allBrokersUp: _, ...rest }) => rest),
      tolerance,
    ).ok,
  );
});
