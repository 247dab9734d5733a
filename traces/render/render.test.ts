// Golden tests of the renderers on the fixed sample trace (text, Mermaid and ITF exactly; HTML by
// structure), and properties every rendering of any valid trace has. Regenerate the golden files
// after an intended change with `KSPEC_UPDATE_GOLDEN=1 npx ava traces/render/render.test.ts` and
// review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import fc from 'fast-check';
import { sampleTrace } from '../testing/sample-trace.ts';
import { traceArbitrary } from '../testing/trace-arbitrary.ts';
import { renderHtml } from './html.ts';
import { ITF_FORMAT_DESCRIPTION, ITF_VARS, renderItf, toItf } from './itf.ts';
import { renderMermaid } from './mermaid.ts';
import { renderText } from './text.ts';

const SEED = 20261122;
const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));

function matchesGolden(name: string, actual: string): string {
  if (process.env.KSPEC_UPDATE_GOLDEN === '1') writeFileSync(golden(name), actual);
  return readFileSync(golden(name), 'utf8');
}

test('text timeline of the sample equals the golden file', (t) => {
  const text = renderText(sampleTrace());
  t.is(text, matchesGolden('sample.txt', text));
});

test('Mermaid sequence diagram of the sample equals the golden file', (t) => {
  const diagram = renderMermaid(sampleTrace());
  t.is(diagram, matchesGolden('sample.mmd', diagram));
});

test('ITF of the sample equals the golden file', (t) => {
  const itf = renderItf(sampleTrace(), 'OC-2_seed42.json');
  t.is(itf, matchesGolden('sample.itf.json', itf));
});

test('the sample HTML page is self-contained and holds the lanes, bands, ownership grid and violation', (t) => {
  const html = renderHtml(sampleTrace());
  t.true(html.startsWith('<!doctype html>'));
  t.notRegex(html, /(src|href)="(https?:)?\/\//, 'no external resources');
  t.notRegex(html, /<link\b/);
  for (const lane of ['c1', 'p1', 'c2', 'Coordinator', 'Brokers'])
    t.true(html.includes(`<th class="lane" data-lane="${lane}">`));
  t.is(html.match(/<tr class="step[^"]*"/g)?.length, 11);
  t.regex(html, /<tr class="step [^"]*violating[^"]*" data-seq="9" id="violating-step">/);
  t.regex(html, /<a href="#violating-step">step #9<\/a>/);
  t.is(
    html.match(/<tr class="step [^"]*gen-start/g)?.length,
    2,
    'a band starts at generation 1 and at generation 2',
  );
  t.regex(html, /<tr data-partition="t-2">/);
  t.regex(html, /<script type="application\/json" id="kspec-trace">\{/);
  // Settings: those that differ from Kafka's default are marked and listed first.
  t.regex(html, /<tbody><tr class="changed" data-setting="group.initial.rebalance.delay.ms"><th>/);
  t.regex(
    html,
    /<tr class="default" data-setting="partition.assignment.strategy"><th>partition.assignment.strategy<\/th><td>range<\/td><td>range<\/td><\/tr>/,
  );
});

test('HTML escapes what the trace says, and the embedded JSON cannot close its script element', (t) => {
  const trace = sampleTrace();
  trace.note = '<img src=x onerror=alert(1)> & "quotes"';
  trace.steps[0]!.note = '</script><b>bold</b>';
  const html = renderHtml(trace);
  t.false(html.includes('<img src=x'));
  t.true(html.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;'));
  t.false(html.includes('</script><b>'));
  t.is(html.match(/<\/script>/g)?.length, 2);
});

/** Every integer in an ITF value is a #bigint: no bare JSON numbers (ITF tools read them as big integers). */
function bareNumbers(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => bareNumbers(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) =>
      key === '#meta' ? [] : bareNumbers(inner, `${path}.${key}`),
    );
  return [];
}

test('ITF of any trace: one state per step plus the initial one, every variable in every state, only big integers', (t) => {
  fc.assert(
    fc.property(traceArbitrary, (trace) => {
      const itf = toItf(trace);
      if (itf['#meta'].format !== 'ITF' || itf['#meta']['format-description'] !== ITF_FORMAT_DESCRIPTION)
        return false;
      if (itf.states.length !== trace.steps.length + 1) return false;
      return itf.states.every(
        (state, index) =>
          (state['#meta'] as { index: number }).index === index &&
          ITF_VARS.every((name) => name in state) &&
          Object.keys(state).length === ITF_VARS.length + 1 &&
          bareNumbers(state).length === 0,
      );
    }),
    { seed: SEED, numRuns: 100 },
  );
  t.pass();
});

test('ITF marks the violated rules from the state after the violating step on', (t) => {
  const itf = toItf(sampleTrace());
  t.deepEqual(itf.states[9]!.violated, { '#set': [] });
  t.deepEqual(itf.states[10]!.violated, { '#set': ['OC-2'] });
  t.deepEqual(itf.states[10]!['mbt::actionTaken'], 'commit');
});

test('every renderer renders any valid trace; text and Mermaid have one line per event', (t) => {
  fc.assert(
    fc.property(traceArbitrary, (trace) => {
      const text = renderText(trace);
      const diagram = renderMermaid(trace);
      const html = renderHtml(trace);
      const eventLines = text.split('\n').filter((line) => /^(>>|F | {2}) *\d+ {2}/.test(line));
      const arrows = diagram
        .split('\n')
        .filter((line) => /(->>[A-Za-z_]+: |Note over [^:]+: )\[\d+\] t=/.test(line));
      return (
        eventLines.length === trace.steps.length &&
        arrows.length === trace.steps.length &&
        diagram.startsWith('sequenceDiagram\n') &&
        !/[#;]/.test(diagram.split('\n').slice(1).join('\n')) &&
        html.includes('</html>')
      );
    }),
    { seed: SEED, numRuns: 100 },
  );
  t.pass();
});
