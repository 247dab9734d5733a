// A Mermaid sequenceDiagram (GitHub renders it inside ```mermaid fences): one lane per client and
// producer, one for the group coordinator and one for the brokers; requests as arrows, answers as
// dashed arrows back, environment events (admin, faults, time) and a client's own calls (poll,
// crash) as notes; a partition's leader, ISR, HW and LEO as a note on the brokers where a step
// changed them (from the trace's snapshots); the violating step boxed in red with the rules and
// message, a lockstep mismatch with the fields that differ.
import type { Event } from '../../spec/events.ts';
import type { Trace } from '../../spec/trace.ts';
import {
  actorOf,
  changedReplication,
  describeEvent,
  describeExpected,
  describeObservation,
  recipientOf,
  replicationText,
  targetOf,
} from './describe.ts';
import { answerDifferences, violationMessage } from './diff.ts';
import { timeline } from './timeline.ts';

/** Mermaid reads `#` as an entity start and `;` as a statement end: keep them out of labels. */
const label = (text: string) => text.replace(/[#;]/g, ' ').replace(/\s+/g, ' ').trim();
const idOf = (name: string) => `p_${name.replace(/[^A-Za-z0-9]/g, '_')}`;

function actorsOf(trace: Trace): string[] {
  const actors: string[] = [];
  const add = (name: string | null) => {
    if (name && name !== 'env' && !actors.includes(name)) actors.push(name);
  };
  for (const step of trace.steps) {
    add(actorOf(step.event));
    for (const observation of step.observations ?? []) add(recipientOf(observation));
  }
  return actors;
}

function environmentNote(event: Event, text: string, first: string, last: string): string {
  if (event.type === 'advance-time' || event.type.startsWith('network'))
    return `  Note over ${first},${last}: ${text}`;
  return `  Note over Brokers: ${text}`;
}

export function renderMermaid(trace: Trace): string {
  const views = timeline(trace);
  const actors = actorsOf(trace);
  const lines = ['sequenceDiagram'];
  for (const actor of actors) lines.push(`  participant ${idOf(actor)} as ${actor}`);
  lines.push('  participant Coordinator', '  participant Brokers');
  const first = actors.length > 0 ? idOf(actors[0]!) : 'Coordinator';
  for (const step of trace.steps) {
    const violating = trace.violation?.step === step.seq;
    const pad = violating ? '  ' : '';
    if (violating) lines.push('  rect rgb(255, 221, 221)');
    const actor = actorOf(step.event);
    const text = label(`[${step.seq}] t=${step.timeMs} ${describeEvent(step.event)}`);
    const target = targetOf(step.event);
    if (actor === 'env') lines.push(pad + environmentNote(step.event, text, first, 'Brokers'));
    else if (target === null) lines.push(`${pad}  Note over ${idOf(actor)}: ${text}`);
    else lines.push(`${pad}  ${idOf(actor)}->>${target}: ${text}`);
    if (step.note)
      lines.push(`${pad}  Note right of ${actor === 'env' ? 'Brokers' : idOf(actor)}: ${label(step.note)}`);
    for (const observation of step.observations ?? []) {
      const recipient = recipientOf(observation);
      const late = observation.request === step.seq ? '' : ` (to [${observation.request}])`;
      const answer = label(`${observation.type} ${describeObservation(observation)}${late}`);
      const from =
        observation.type === 'produce-response' || observation.type === 'fetch-response'
          ? 'Brokers'
          : 'Coordinator';
      // What poll() returns comes from inside the consumer, not over the wire.
      if (recipient && observation.type === 'poll-result')
        lines.push(`${pad}  Note over ${idOf(recipient)}: ${answer}`);
      else if (recipient) lines.push(`${pad}  ${from}-->>${idOf(recipient)}: ${answer}`);
      else lines.push(`${pad}  Note over Brokers: ${answer}`);
    }
    for (const observation of step.modelObservations ?? [])
      lines.push(
        `${pad}  Note right of Coordinator: model answers ${label(`${observation.type} ${describeObservation(observation)}`)}`,
      );
    for (const expected of step.expected ?? [])
      lines.push(`${pad}  Note right of Coordinator: expected ${label(describeExpected(expected))}`);
    const after = views[step.seq + 1]!.replication;
    for (const partition of changedReplication(views[step.seq]!.replication, after))
      lines.push(`${pad}  Note over Brokers: ${label(replicationText(partition, after[partition]!))}`);
    if (violating && trace.violation) {
      lines.push(
        `    Note over ${first},Brokers: VIOLATION ${label(`${trace.violation.rules.join(', ')}: ${violationMessage(trace)}`)}`,
      );
      const mismatch = trace.violation.mismatch;
      for (const d of mismatch ? answerDifferences(mismatch.model, mismatch.system) : [])
        lines.push(
          `    Note over ${first},Brokers: ${label(`${d.answer} ${d.field}: model ${d.model}, system ${d.system}`)}`,
        );
      lines.push('  end');
    }
  }
  return `${lines.join('\n')}\n`;
}
