// A self-contained HTML page for one trace (inline CSS and script, no network): a header with what
// the trace is and the violation, a lane table (one column per client and producer, one for the
// coordinator, one for the brokers; one row per event) with each group's generation drawn as bands,
// a partition-ownership grid over time where a partition owned twice shows red, and the run's
// settings. Where the trace kept snapshots, a replication column shows each partition's leader, ISR,
// HW and LEO per step; a lockstep mismatch is shown as a table of the fields that differ. A key
// explains the markers. The violating step is highlighted and linked. The trace is embedded as JSON.
import type { Observation } from '../../spec/observations.ts';
import type { Trace, TraceStep } from '../../spec/trace.ts';
import {
  actorOf,
  changedReplication,
  describeEvent,
  describeExpected,
  describeObservation,
  isInternalPartition,
  recipientOf,
  replicationText,
  targetOf,
} from './describe.ts';
import { answerDifferences, violationMessage } from './diff.ts';
import { PAGE_CSS, PAGE_SCRIPT } from './html-style.ts';
import { type SettingRow, settingRows } from './settings.ts';
import { timeline, type View } from './timeline.ts';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PALETTE = ['#3465a4', '#c17d11', '#4e9a06', '#75507b', '#06989a', '#a40000', '#5c3566', '#8f5902'];

function lanesOf(trace: Trace): string[] {
  const lanes: string[] = [];
  const add = (name: string | null) => {
    if (name && name !== 'env' && !lanes.includes(name)) lanes.push(name);
  };
  for (const step of trace.steps) {
    add(actorOf(step.event));
    for (const observation of step.observations ?? []) add(recipientOf(observation));
  }
  return [...lanes, 'Coordinator', 'Brokers'];
}

const errorOf = (observation: Observation): string | undefined => {
  if ('error' in observation) return observation.error;
  if (observation.type === 'commit-response')
    return observation.partitions.find((p) => p.error !== 'NONE')?.error;
  return undefined;
};

function answerHtml(observation: Observation, seq: number, kind: 'actual' | 'model'): string {
  const error = errorOf(observation);
  const classes = [
    'answer',
    kind === 'model' ? 'model' : '',
    error && error !== 'NONE' ? 'error' : '',
    observation.request !== seq ? 'late' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const prefix = kind === 'model' ? 'model: ' : '';
  const late = observation.request === seq ? '' : ` (answers #${observation.request})`;
  return `<div class="${classes}" data-type="${observation.type}">${escapeHtml(`${prefix}${observation.type}: ${describeObservation(observation)}${late}`)}</div>`;
}

/** The contents of each lane cell of one step. */
function laneCells(step: TraceStep, trace: Trace): Map<string, string[]> {
  const cells = new Map<string, string[]>();
  const put = (lane: string, html: string) => cells.set(lane, [...(cells.get(lane) ?? []), html]);
  const actor = actorOf(step.event);
  const target = targetOf(step.event) ?? 'Brokers';
  const local = targetOf(step.event) === null;
  // Environment events sit in the lane they act on; a client's own call (poll, crash) has no arrow.
  if (actor === 'env') put(target, `<div class="event env">${escapeHtml(describeEvent(step.event))}</div>`);
  else
    put(
      actor,
      `<div class="event${local ? ' local' : ''}">${escapeHtml(describeEvent(step.event))}</div>${local ? '' : `<div class="arrow">&rarr; ${target}</div>`}`,
    );
  const home = actor === 'env' ? target : actor;
  if (step.note) put(home, `<div class="stepnote">${escapeHtml(step.note)}</div>`);
  for (const observation of step.observations ?? [])
    put(recipientOf(observation) ?? 'Brokers', answerHtml(observation, step.seq, 'actual'));
  for (const observation of step.modelObservations ?? [])
    put('Coordinator', answerHtml(observation, step.seq, 'model'));
  for (const expected of step.expected ?? []) {
    const lane =
      typeof expected.client === 'string'
        ? expected.client
        : typeof expected.producer === 'string'
          ? expected.producer
          : 'Coordinator';
    put(lane, `<div class="answer expected">expected ${escapeHtml(describeExpected(expected))}</div>`);
  }
  if (trace.violation?.step === step.seq)
    put(
      home,
      `<div class="msg">${escapeHtml(`${trace.violation.rules.join(', ')}: ${violationMessage(trace)}`)}</div>`,
    );
  return cells;
}

function bandText(view: View): string {
  const groups = Object.entries(view.groups);
  if (groups.length === 0) return '';
  return groups
    .map(([group, entry]) => `${group}: gen ${entry.generation} &middot; ${escapeHtml(entry.state)}`)
    .join('<br>');
}

const generationKey = (view: View) =>
  Object.entries(view.groups)
    .map(([group, entry]) => `${group}:${entry.generation}`)
    .join(' ');

/** The user partitions' replication after a step, the ones that changed at it marked. */
function replicationCell(before: View, after: View): string {
  const changed = new Set(changedReplication(before.replication, after.replication));
  const lines = Object.entries(after.replication)
    .filter(([partition]) => !isInternalPartition(partition))
    .map(
      ([partition, view]) =>
        `<div class="${changed.has(partition) ? 'repl changed' : 'repl'}" data-partition="${escapeHtml(partition)}">${escapeHtml(replicationText(partition, view))}</div>`,
    );
  return `<td class="replication">${lines.join('')}</td>`;
}

/**
 * A replication story: a user partition's replication changes after it first appeared (a produce,
 * a failure, a follower's fetch). In a group story the column would only repeat one line.
 */
const hasReplication = (views: View[]) =>
  views.filter(
    (view, index) =>
      index > 0 && changedReplication(views[index - 1]!.replication, view.replication).length > 0,
  ).length > 1;

const hasGroups = (views: View[]) => views.some((view) => Object.keys(view.groups).length > 0);

/** The step as JSON without its snapshot (a page of replica states says less than the columns). */
function rawStep(step: TraceStep): string {
  const { state, ...rest } = step;
  const shown = state ? { ...rest, state: { digest: state.digest } } : rest;
  return `<details class="raw"><summary>json</summary><pre>${escapeHtml(JSON.stringify(shown, null, 1))}</pre></details>`;
}

function lanesTable(trace: Trace, views: View[], lanes: string[]): string {
  const head = lanes
    .map((lane) => `<th class="lane" data-lane="${escapeHtml(lane)}">${escapeHtml(lane)}</th>`)
    .join('');
  const replication = hasReplication(views);
  const groups = hasGroups(views);
  let band = 0;
  const rows = trace.steps.map((step, index) => {
    const view = views[index + 1]!;
    const changed =
      generationKey(view) !== generationKey(views[index]!) && Object.keys(view.groups).length > 0;
    if (changed) band += 1;
    const cells = laneCells(step, trace);
    const classes = [
      'step',
      band % 2 === 0 ? 'gen-even' : 'gen-odd',
      changed ? 'gen-start' : '',
      trace.violation?.step === step.seq ? 'violating' : '',
      step.phase === 'final' ? 'final' : '',
    ].filter(Boolean);
    const laneHtml = lanes
      .map(
        (lane) => `<td class="lane" data-lane="${escapeHtml(lane)}">${(cells.get(lane) ?? []).join('')}</td>`,
      )
      .join('');
    const id = trace.violation?.step === step.seq ? ' id="violating-step"' : '';
    const replicationHtml = replication ? replicationCell(views[index]!, view) : '';
    return `<tr class="${classes.join(' ')}" data-seq="${step.seq}"${id}><td class="seq"${step.phase === 'final' ? ' title="final phase: faults healed, every log read back"' : ''}>#${step.seq}</td><td class="time">${step.timeMs} ms</td>${groups ? `<td class="band" data-generation="${escapeHtml(generationKey(view))}">${bandText(view)}</td>` : ''}${replicationHtml}${laneHtml}<td>${rawStep(step)}</td></tr>`;
  });
  const replicationHead = replication ? '<th class="replication">partitions after the step</th>' : '';
  return `<table id="lanes"><thead><tr><th>#</th><th>time</th>${groups ? '<th>group</th>' : ''}${replicationHead}${head}<th></th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/** What the markers and abbreviations of the timeline mean. */
function keyHtml(trace: Trace, views: View[]): string {
  const items = [
    '<b>#n F</b>: a step of the final phase (kspec heals every fault, restarts brokers and reads every log back to judge the run)',
    '<b>&#8627;</b>: a late answer to an earlier request (#n)',
    '<b>with its member id</b>: the id the coordinator gave this client (<code>member=own</code> in the trace); <b>as a new member</b>: the empty id',
    '<b>t-0@5</b>: partition 0 of topic t, offset 5',
  ];
  if (hasReplication(views))
    items.push(
      '<b>partitions after the step</b>: leader and its epoch, ISR, high watermark (HW) and each replica&rsquo;s log end offset (LEO); b2 is broker 2; bold where the step changed it',
    );
  if (trace.steps.some((step) => step.modelObservations?.length))
    items.push('<b>model:</b> what the model answered');
  return `<ul class="key" id="key">${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}

function ownershipTable(trace: Trace, views: View[], colors: Map<string, string>): string {
  const partitions = [...new Set(views.flatMap((view) => Object.keys(view.owners)))].sort();
  if (partitions.length === 0)
    return '<p class="note" id="ownership-empty">No partition was assigned in this trace.</p>';
  const header = trace.steps
    .map(
      (step) => `<th class="${trace.violation?.step === step.seq ? 'violating-step' : ''}">${step.seq}</th>`,
    )
    .join('');
  const rows = partitions.map((partition) => {
    const cells = trace.steps.map((step, index) => {
      const owners = views[index + 1]!.owners[partition] ?? [];
      const classes = [
        owners.length > 1 ? 'split' : owners.length === 1 ? 'owned' : '',
        trace.violation?.step === step.seq ? 'violating-step' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const style = owners.length === 1 ? ` style="background:${colors.get(owners[0]!) ?? '#888'}"` : '';
      return `<td class="${classes}" data-step="${step.seq}"${style}>${escapeHtml(owners.join('+'))}</td>`;
    });
    return `<tr data-partition="${escapeHtml(partition)}"><th class="partition">${escapeHtml(partition)}</th>${cells.join('')}</tr>`;
  });
  const owners = new Set(views.flatMap((view) => Object.values(view.owners).flat()));
  const legend = [...colors]
    .filter(([client]) => owners.has(client))
    .map(
      ([client, color]) =>
        `<span><i class="swatch" style="background:${color}"></i>${escapeHtml(client)}</span>`,
    )
    .join('');
  return `<div class="legend">${legend}<span><i class="swatch" style="background:#c62828"></i>two owners</span></div><table id="ownership"><thead><tr><th>partition \\ step</th>${header}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function headerHtml(trace: Trace): string {
  const title =
    trace.name ??
    (trace.violation ? `${trace.violation.rules.join('+')} seed ${trace.seed}` : `seed ${trace.seed}`);
  const run: [string, string][] = [
    ['adapter', trace.adapter],
    ['seed', String(trace.seed)],
    ...(trace.profile ? [['profile', trace.profile] as [string, string]] : []),
    ...(trace.systemSeed !== undefined
      ? [['system seed', String(trace.systemSeed)] as [string, string]]
      : []),
    ...(trace.path ? [['path', trace.path] as [string, string]] : []),
    ...(trace.replayPath ? [['replayPath', trace.replayPath] as [string, string]] : []),
    [
      'versions',
      `trace format ${trace.version}, kspec ${trace.kspecVersion}, contract ${trace.contractVersion}`,
    ],
  ];
  return `<header><h1><span class="kind ${trace.kind}">${trace.kind}</span>${escapeHtml(title)}</h1>${noteHtml(trace.note)}<dl class="run">${run
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('')}</dl></header>`;
}

const NOTE_SHOWN = 240;

/** A long note is shown up to a word boundary, the whole of it one click away. */
function noteHtml(note: string): string {
  if (note.length <= NOTE_SHOWN) return `<p class="note" id="note">${escapeHtml(note)}</p>`;
  const cut = note.lastIndexOf(' ', NOTE_SHOWN);
  const shown = note.slice(0, cut > NOTE_SHOWN / 2 ? cut : NOTE_SHOWN);
  return `<details class="note" id="note"><summary>${escapeHtml(shown)} &hellip;</summary>${escapeHtml(note)}</details>`;
}

function mismatchHtml(trace: Trace): string {
  const mismatch = trace.violation?.mismatch;
  if (!mismatch) return '';
  const rows = answerDifferences(mismatch.model, mismatch.system).map(
    (d) =>
      `<tr data-field="${escapeHtml(d.field)}"><td>${escapeHtml(d.answer)}</td><th>${escapeHtml(d.field)}</th><td class="model">${escapeHtml(d.model)}</td><td class="system">${escapeHtml(d.system)}</td></tr>`,
  );
  return `<table id="mismatch"><thead><tr><th>answer</th><th>field</th><th>model</th><th>system</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function violationHtml(trace: Trace): string {
  if (!trace.violation) return '';
  const rules = trace.violation.rules.map((rule) => `<span class="rule">${escapeHtml(rule)}</span>`).join('');
  const property = trace.violation.property ? ` (${escapeHtml(trace.violation.property)})` : '';
  return `<section id="violation">${rules}${property} ${escapeHtml(violationMessage(trace))} &mdash; <a href="#violating-step">step #${trace.violation.step}</a>${mismatchHtml(trace)}</section>`;
}

function settingsTable(rows: SettingRow[], id: string, defaultTitle: string): string {
  // Settings that differ from their default first: they are what the run is about.
  const ordered = [...rows.filter((row) => row.changed), ...rows.filter((row) => !row.changed)];
  return `<table id="${id}" class="config"><thead><tr><th>setting</th><th>value</th><th>${defaultTitle}</th></tr></thead><tbody>${ordered
    .map(
      (row) =>
        `<tr class="${row.changed ? 'changed' : 'default'}" data-setting="${escapeHtml(row.name)}"><th>${escapeHtml(row.name)}</th><td>${escapeHtml(String(row.value))}</td><td>${row.defaultValue === undefined ? '' : escapeHtml(String(row.defaultValue))}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

/** Kafka's settings with Kafka's defaults; kspec's own (brokers, partitions, kspec.*) apart, with kspec's. */
function configHtml(trace: Trace): string {
  const rows = settingRows(trace);
  if (rows.length === 0) return '<p class="note">Every setting at its default.</p>';
  const kafka = rows.filter((row) => row.owner === 'kafka');
  const kspec = rows.filter((row) => row.owner === 'kspec');
  const unknown = rows.filter((row) => row.owner === 'unknown');
  const parts = [];
  if (kafka.length > 0)
    parts.push(`<h3>Kafka settings</h3>${settingsTable(kafka, 'config', 'Kafka default')}`);
  if (kspec.length > 0)
    parts.push(
      `<h3>kspec's own settings (not Kafka's: the test cluster and the checker)</h3>${settingsTable(kspec, 'config-kspec', 'kspec default')}`,
    );
  if (unknown.length > 0)
    parts.push(`<h3>Settings this kspec does not know</h3>${settingsTable(unknown, 'config-unknown', '')}`);
  return parts.join('');
}

/** JSON inside a script element: `</` and U+2028/9 escaped so the page cannot be broken out of. */
const embedded = (trace: Trace) =>
  JSON.stringify(trace)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export function renderHtml(trace: Trace): string {
  const views = timeline(trace);
  const lanes = lanesOf(trace);
  const colors = new Map(lanes.slice(0, -2).map((lane, index) => [lane, PALETTE[index % PALETTE.length]!]));
  const title = `kspec ${trace.kind}: ${trace.note}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style></head>
<body>
${headerHtml(trace)}
${violationHtml(trace)}
<h2>Timeline</h2>${keyHtml(trace, views)}<div class="scroll">${lanesTable(trace, views, lanes)}</div>
<h2>Partition ownership over time</h2><p class="note legend-note">Who holds each partition after each step: from the SyncGroup answers, and where the trace kept snapshots, the assignment a Stable group's coordinator holds for each member.</p><div class="scroll">${ownershipTable(trace, views, colors)}</div>
<h2>Settings</h2><div class="scroll">${configHtml(trace)}</div>
<script type="application/json" id="kspec-trace">${embedded(trace)}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
