// A Mermaid sequenceDiagram (GitHub renders it inside ```mermaid fences): one lane per client and
// producer, one for the group coordinator and one for the brokers; requests as arrows, answers as
// dashed arrows back, environment events (admin, faults, time) as notes; the violating step boxed
// in red with the rules and message.
import type { Event } from '../../spec/events.ts';
import type { Trace } from '../../spec/trace.ts';
import {
  actorOf,
  describeEvent,
  describeExpected,
  describeObservation,
  recipientOf,
  targetOf,
} from './describe.ts';

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
    if (actor === 'env') lines.push(pad + environmentNote(step.event, text, first, 'Brokers'));
    else lines.push(`${pad}  ${idOf(actor)}->>${targetOf(step.event)}: ${text}`);
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
      if (recipient) lines.push(`${pad}  ${from}-->>${idOf(recipient)}: ${answer}`);
      else lines.push(`${pad}  Note over Brokers: ${answer}`);
    }
    for (const observation of step.modelObservations ?? [])
      lines.push(
        `${pad}  Note right of Coordinator: model answers ${label(`${observation.type} ${describeObservation(observation)}`)}`,
      );
    for (const expected of step.expected ?? [])
      lines.push(`${pad}  Note right of Coordinator: expected ${label(describeExpected(expected))}`);
    if (violating && trace.violation) {
      lines.push(
        `    Note over ${first},Brokers: VIOLATION ${label(`${trace.violation.rules.join(', ')}: ${trace.violation.message}`)}`,
      );
      lines.push('  end');
    }
  }
  return `${lines.join('\n')}\n`;
}
