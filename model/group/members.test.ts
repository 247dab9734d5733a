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

test('GC-21 a tie goes to the protocol in the lowest HashMap bucket: range (bucket 9) before roundrobin (10)', (t) => {
  const d = kafkaDriver();
  const a = d.join('c1', { version: 3, protocols: both('roundrobin', 'range') });
  d.join('c2', { version: 3, protocols: both('range', 'roundrobin') });
  d.sleep(3000);
  t.is(d.joinAnswer(a)?.protocol, 'range');
  t.is(d.lastAllowed.protocols, undefined, 'decided: no open choice');
});

test('GC-21 tied names in one HashMap bucket stay open: every one is allowed and a caller may adopt one', (t) => {
  // "Aa" and "BB" have the same String hash, so the same bucket.
  const d = kafkaDriver();
  d.join('c1', { version: 3, protocols: both('Aa', 'BB') });
  d.join('c2', { version: 3, protocols: both('BB', 'Aa') });
  d.sleep(3000);
  t.deepEqual(d.lastAllowed.protocols, ['Aa', 'BB']);
  const group = structuredClone(d.groupState());
  t.is(selectProtocol(group, newEffects(0, d.state.config, { protocol: 'BB' })), 'BB');
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
