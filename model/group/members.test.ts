import test from 'ava';
import { newEffects } from './effects.ts';
import { selectProtocol } from './members.ts';
import { kafkaDriver } from './testing/group-driver.ts';

const both = (first: string, second: string) => [
  { name: first, topics: ['foo'] },
  { name: second, topics: ['foo'] },
];

test('GC-21 each member votes for its first protocol all support; the majority wins', (t) => {
  const d = kafkaDriver();
  const a = d.join('c1', { version: 3, protocols: both('range', 'roundrobin') });
  d.join('c2', { version: 3, protocols: both('roundrobin', 'range') });
  d.join('c3', { version: 3, protocols: both('roundrobin', 'range') });
  d.sleep(3000);
  t.is(d.joinAnswer(a)?.protocol, 'roundrobin');
  t.is(d.lastAllowed.protocols, undefined, 'no tie: no open choice');
});

test('GC-21 a tie leaves the protocol open: every tied protocol is allowed and a caller may adopt one', (t) => {
  const d = kafkaDriver();
  d.join('c1', { version: 3, protocols: both('range', 'roundrobin') });
  d.join('c2', { version: 3, protocols: both('roundrobin', 'range') });
  d.sleep(3000);
  t.deepEqual(d.lastAllowed.protocols, ['range', 'roundrobin']);
  const group = structuredClone(d.groupState());
  t.is(selectProtocol(group, newEffects(0, d.state.config, { protocol: 'roundrobin' })), 'roundrobin');
  t.throws(() => selectProtocol(group, newEffects(0, d.state.config, { protocol: 'sticky' })), {
    message: /not one of the allowed/,
  });
});

test('GC-21 a protocol only some members support gets no votes', (t) => {
  const d = kafkaDriver();
  const a = d.join('c1', {
    version: 3,
    protocols: [{ name: 'sticky', topics: ['foo'] }, ...both('range', 'roundrobin')],
  });
  d.join('c2', { version: 3, protocols: both('range', 'roundrobin') });
  d.sleep(3000);
  t.is(d.joinAnswer(a)?.protocol, 'range');
});
