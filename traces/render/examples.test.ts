// The renderers on four real counterexamples (traces/render/examples/, written by `kspec check` and
// `kspec mutants`): a replication loss (acks=1), a consumer commit before processing, a group split
// (two owners) and a lockstep mismatch. What a reader needs must be on the page: each step's
// leader, ISR, HW and LEO; the differing field of a mismatch; no digest noise; no client-side call
// drawn as a message; kspec's own settings kept apart from Kafka's.
import test from 'ava';
import { exampleTrace as example } from '../testing/example-traces.ts';
import { answerDifferences } from './diff.ts';
import { renderHtml } from './html.ts';
import { renderMermaid } from './mermaid.ts';
import { renderText } from './text.ts';

test('replication story: the text shows leader, ISR, HW and every LEO where a step changes them', (t) => {
  const text = renderText(example('replication'));
  t.regex(
    text,
    /Produce t-0 \[p0-0\] acks=1\n.*produce-response: NONE at offset 0\n\s+~ t-0: leader b1 \(epoch 0\), ISR \[b1,b2,b0\], HW 0, LEO b1=1 b2=0 b0=0/,
  );
  t.regex(
    text,
    /broker 1 clean-shutdown\n\s+~ t-0: leader b2 \(epoch 1\), ISR \[b2,b0\], HW 0, LEO b1=down b2=0 b0=0/,
  );
  // The restarted old leader truncates its unreplicated record: LEO 1 -> 0 on b1.
  t.regex(text, /broker 1 restarts\n\s+~ t-0: [^\n]*LEO b1=1 /);
  t.regex(text, /followers fetch\n\s+~ t-0: [^\n]*LEO b1=0 /);
  t.regex(
    text,
    /^key: >> the violating step, <- an answer, F the final phase.*~ a partition after the step/m,
  );
  t.notRegex(text, /^\s+state [0-9a-f]+$/m, 'no state digests');
  t.notRegex(text, /t\/0/, 'partitions are spelled t-0');
});

test('replication story: Mermaid notes on the brokers and an HTML column per step', (t) => {
  const trace = example('replication');
  t.regex(
    renderMermaid(trace),
    /Note over Brokers: t-0: leader b2 \(epoch 1\), ISR \[b2,b0\], HW 0, LEO b1=down/,
  );
  const html = renderHtml(trace);
  t.regex(html, /<th class="replication">partitions after the step<\/th>/);
  t.regex(
    html,
    /<div class="repl changed" data-partition="t-0">t-0: leader b1 \(epoch 0\), ISR \[b1,b2,b0\], HW 0, LEO b1=1 b2=0 b0=0<\/div>/,
  );
  t.notRegex(html, /<th>group<\/th>/, 'no group column without groups');
});

test('mismatch: the model answer is data and renders as a field-level diff in text and HTML', (t) => {
  const trace = example('mismatch');
  const mismatch = trace.violation?.mismatch;
  t.truthy(mismatch);
  const differences = answerDifferences(mismatch!.model, mismatch!.system);
  t.deepEqual(
    differences.map((d) => [d.field, d.model, d.system]),
    [['partitions[0].error', 'ILLEGAL_GENERATION', 'NONE']],
  );
  const text = renderText(trace);
  t.regex(
    text,
    /answer\s+field\s+model\s+system\n\s+c0 commit-response to #\d+\s+partitions\[0\]\.error\s+ILLEGAL_GENERATION\s+NONE/,
  );
  t.notRegex(text, /model answered \{/, 'no JSON blobs');
  const html = renderHtml(trace);
  t.regex(
    html,
    /<table id="mismatch">.*<th>partitions\[0\]\.error<\/th><td class="model">ILLEGAL_GENERATION<\/td><td class="system">NONE<\/td>/s,
  );
});

test("group and commit stories: a poll and a crash are the client's own calls, not messages to the coordinator", (t) => {
  const trace = example('commit');
  const html = renderHtml(trace);
  t.regex(
    html,
    /<div class="event local">poll\(\) g max 1 \(in the consumer: fetches from the leaders\)<\/div><div class="answer"/,
  );
  t.regex(html, /<div class="event local">crashes \(no LeaveGroup\)<\/div><\/td>/);
  const diagram = renderMermaid(trace);
  t.notRegex(diagram, /->>Coordinator: \[\d+\] t=\d+ (poll|crashes)/);
  t.regex(diagram, /Note over p_c0: \[\d+\] t=\d+ crashes/);
  t.notRegex(diagram, /-->>p_c0: poll-result/);
  t.notRegex(renderText(example('group')), /member=own/, 'member ids in words');
  // The split the invariant saw shows in the ownership grid (the coordinator's assignment).
  t.regex(renderHtml(example('group')), /<td class="split violating-step" data-step="6">c0\+c1<\/td>/);
});

test("the settings table gives Kafka defaults only for Kafka settings; brokers, partitions and kspec.* are kspec's", (t) => {
  const html = renderHtml(example('group'));
  const kafka = html.slice(
    html.indexOf('<table id="config"'),
    html.indexOf('</table>', html.indexOf('<table id="config"')),
  );
  const kspec = html.slice(html.indexOf('<table id="config-kspec"'));
  for (const name of ['brokers', 'partitions', 'kspec.mutant']) {
    t.false(kafka.includes(`data-setting="${name}"`), name);
    t.true(kspec.includes(`data-setting="${name}"`), name);
  }
  t.true(kafka.includes('data-setting="session.timeout.ms"'));
  t.regex(html, /<th>kspec default<\/th>/);
});

test('the HTML explains its markers and shows a long note whole, cut only at a word for the summary', (t) => {
  const html = renderHtml(example('replication'));
  t.regex(html, /<ul class="key" id="key"><li><b>#n F<\/b>: a step of the final phase/);
  t.regex(html, /member=own/);
  const long = { ...example('group'), note: `${'a long note '.repeat(40)}end` };
  const page = renderHtml(long);
  t.regex(page, /<details class="note" id="note"><summary>(a long note )*a long note &hellip;<\/summary>/);
});
