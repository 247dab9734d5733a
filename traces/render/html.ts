// A self-contained HTML page for one trace (inline CSS and script, no network): a header with what
// the trace is and the violation, a lane table (one column per client and producer, one for the
// coordinator, one for the brokers; one row per event) with each group's generation drawn as bands,
// a partition-ownership grid over time where a partition owned twice shows red, and the run's
// settings. The violating step is highlighted and linked. The trace itself is embedded as JSON.
import type { Observation } from '../../spec/observations.ts';
import type { Trace, TraceStep } from '../../spec/trace.ts';
import {
  actorOf,
  describeEvent,
  describeExpected,
  describeObservation,
  recipientOf,
  targetOf,
} from './describe.ts';
import { PAGE_CSS, PAGE_SCRIPT } from './html-style.ts';
import { settingRows } from './settings.ts';
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
  const target = targetOf(step.event);
  if (actor === 'env') put(target, `<div class="event env">${escapeHtml(describeEvent(step.event))}</div>`);
  else
    put(
      actor,
      `<div class="event">${escapeHtml(describeEvent(step.event))}</div><div class="arrow">&rarr; ${target}</div>`,
    );
  if (step.note)
    put(actor === 'env' ? target : actor, `<div class="stepnote">${escapeHtml(step.note)}</div>`);
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
      actor === 'env' ? target : actor,
      `<div class="msg">${escapeHtml(`${trace.violation.rules.join(', ')}: ${trace.violation.message}`)}</div>`,
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

function lanesTable(trace: Trace, views: View[], lanes: string[]): string {
  const head = lanes
    .map((lane) => `<th class="lane" data-lane="${escapeHtml(lane)}">${escapeHtml(lane)}</th>`)
    .join('');
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
    const raw = `<details class="raw"><summary>json</summary><pre>${escapeHtml(JSON.stringify(step, null, 1))}</pre></details>`;
    const id = trace.violation?.step === step.seq ? ' id="violating-step"' : '';
    return `<tr class="${classes.join(' ')}" data-seq="${step.seq}"${id}><td class="seq">#${step.seq}</td><td class="time">${step.timeMs} ms</td><td class="band" data-generation="${escapeHtml(generationKey(view))}">${bandText(view)}</td>${laneHtml}<td>${raw}</td></tr>`;
  });
  return `<table id="lanes"><thead><tr><th>#</th><th>time</th><th>generation</th>${head}<th></th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
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
  return `<header><h1><span class="kind ${trace.kind}">${trace.kind}</span>${escapeHtml(title)}</h1><p class="note" id="note">${escapeHtml(trace.note)}</p><dl class="run">${run
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('')}</dl></header>`;
}

function violationHtml(trace: Trace): string {
  if (!trace.violation) return '';
  const rules = trace.violation.rules.map((rule) => `<span class="rule">${escapeHtml(rule)}</span>`).join('');
  const property = trace.violation.property ? ` (${escapeHtml(trace.violation.property)})` : '';
  return `<section id="violation">${rules}${property} ${escapeHtml(trace.violation.message)} &mdash; <a href="#violating-step">step #${trace.violation.step}</a></section>`;
}

function configHtml(trace: Trace): string {
  const rows = settingRows(trace);
  if (rows.length === 0) return '<p class="note">Kafka defaults.</p>';
  // Settings that differ from Kafka's default first: they are what the run is about.
  const ordered = [...rows.filter((row) => row.changed), ...rows.filter((row) => !row.changed)];
  return `<table id="config"><thead><tr><th>setting</th><th>value</th><th>Kafka default</th></tr></thead><tbody>${ordered
    .map(
      (row) =>
        `<tr class="${row.changed ? 'changed' : 'default'}" data-setting="${escapeHtml(row.name)}"><th>${escapeHtml(row.name)}</th><td>${escapeHtml(String(row.value))}</td><td>${row.defaultValue === undefined ? '' : escapeHtml(String(row.defaultValue))}</td></tr>`,
    )
    .join('')}</tbody></table>`;
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
<h2>Timeline</h2><div class="scroll">${lanesTable(trace, views, lanes)}</div>
<h2>Partition ownership over time</h2><div class="scroll">${ownershipTable(trace, views, colors)}</div>
<h2>Settings</h2><div class="scroll">${configHtml(trace)}</div>
<script type="application/json" id="kspec-trace">${embedded(trace)}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
