// The explorable group model: exhaustion of small configurations with zero violations, each
// invariant shown able to fail, symmetry reduction, and the client defaults it joins with.
import test from 'ava';
import { explore } from '../explore/explore.ts';
import { type GroupModelState, groupModel } from './explore-model.ts';
import {
  acceptedCommitsAreCurrent,
  generationMonotonic,
  groupStructure,
  onePartitionOwnerPerGeneration,
} from './invariants.ts';

const small = {
  config: { 'session.timeout.ms': 6000, 'max.poll.interval.ms': 6000 },
  newMemberJoinTimeoutMs: 6000,
};

test('GC-19 GC-35 GC-36 OC-12 one member with coordinator moves: exhausted, no violation', (t) => {
  const result = explore(groupModel({ members: 1, partitions: 2, coordinatorMoves: true, ...small }));
  t.true(result.exhausted);
  t.true(result.states > 300);
  t.deepEqual(result.violations, []);
});

test('GC-19 GC-35 GC-36 OC-12 two members, every event kind, a fresh join after a crash or leave: exhausted, no violation', (t) => {
  const result = explore(groupModel({ members: 2, partitions: 2, ...small }));
  t.true(result.exhausted);
  t.true(result.states > 3000);
  t.deepEqual(result.violations, []);
});

test('GC-19 GC-35 GC-36 OC-12 three members, two partitions, Kafka client defaults: exhausted, no violation', (t) => {
  const result = explore(groupModel({ members: 3, partitions: 2 }));
  t.true(result.exhausted);
  t.true(result.states > 5000);
  t.deepEqual(result.violations, []);
});

test('the member-id bound: fresh joins stop at maxMemberIds, and a larger bound reaches more states', (t) => {
  const model = groupModel({ members: 1, maxMemberIds: 1 });
  let state = model.initial();
  const joinNew = () => model.events(state).find((e) => e.event.type === 'join' && e.event.memberId === '');
  state = model.step(state, joinNew()!); // MEMBER_ID_REQUIRED: the one id is handed out
  state = model.step(state, model.events(state).find((e) => e.event.type === 'consumer-crash')!);
  t.is(joinNew(), undefined);
  const one = explore(groupModel({ members: 1, ...small, maxMemberIds: 1 }));
  const two = explore(groupModel({ members: 1, ...small, maxMemberIds: 2 }));
  t.true(one.exhausted && two.exhausted);
  t.true(two.states > one.states);
});

test('GC-34 key: states that differ only by the absolute clock (deadlines shifted with it) have one key', (t) => {
  const model = groupModel({ members: 2 });
  let state = model.initial();
  state = model.step(state, model.events(state).find((e) => e.event.type === 'join')!);
  const shifted: GroupModelState = structuredClone(state);
  shifted.coordinator.now += 123_000;
  for (const group of shifted.coordinator.groups) for (const timer of group.timers) timer.deadline += 123_000;
  t.is(model.key(shifted), model.key(state));
  shifted.coordinator.groups[0]!.timers[0]!.deadline += 3000;
  t.not(model.key(shifted), model.key(state));
});

test('GC-19 key: without coordinator moves generations are none, current or stale; two stale ones are alike', (t) => {
  const model = groupModel({ members: 2 });
  const state = model.initial();
  const group = {
    ...model.step(state, model.events(state).find((e) => e.event.type === 'commit')!).coordinator.groups[0]!,
    generation: 7,
  };
  const at = (generation: number): GroupModelState => ({
    ...state,
    coordinator: { ...state.coordinator, groups: [group] },
    clients: { ...state.clients, c1: { ...state.clients.c1!, memberId: 'c1-1', generation } },
  });
  t.is(model.key(at(3)), model.key(at(5)));
  t.not(model.key(at(6)), model.key(at(7)));
  t.not(model.key(at(-1)), model.key(at(6)));
});

test('a crashed client does not receive the answer to a request its earlier incarnation left parked', (t) => {
  const model = groupModel({ members: 1 });
  let state = model.initial();
  const join = () => model.events(state).find((e) => e.event.type === 'join')!;
  state = model.step(state, join()); // MEMBER_ID_REQUIRED
  state = model.step(state, join()); // with the id: parked for the initial delay
  t.not(state.coordinator.groups[0]!.members[0]!.awaitingJoin, null);
  const crashed = model.step(state, model.events(state).find((e) => e.event.type === 'consumer-crash')!);
  const advance = (s: GroupModelState) =>
    model.step(s, model.events(s).find((e) => e.event.type === 'advance-time')!);
  t.is(advance(state).clients.c1!.generation, 1); // the live client learns its generation
  const after = advance(crashed);
  t.is(after.coordinator.groups[0]!.generation, 1);
  t.like(after.clients.c1, { memberId: '', generation: -1, incarnation: 1 });
});

function someState(): GroupModelState {
  const model = groupModel({ members: 2, partitions: 2 });
  return model.initial();
}

test('GC-36 the one-owner checker fails when two clients hold a partition in one generation', (t) => {
  const state = someState();
  state.clients.c1!.synced = { generation: 3, assignment: [{ topic: 't', partitions: [0] }] };
  state.clients.c2!.synced = { generation: 3, assignment: [{ topic: 't', partitions: [0, 1] }] };
  t.like(onePartitionOwnerPerGeneration.check(state), { rules: ['GC-36'] });
  state.clients.c2!.synced.generation = 4;
  t.is(onePartitionOwnerPerGeneration.check(state), undefined);
});

test('OC-12 the commit checker fails on an accepted commit from another generation or in CompletingRebalance', (t) => {
  const state = someState();
  state.lastCommit = {
    accepted: true,
    standalone: false,
    stateBefore: 'Stable',
    sameGeneration: false,
    fromMember: true,
  };
  t.like(acceptedCommitsAreCurrent.check(state), { rules: ['OC-12'] });
  state.lastCommit = {
    accepted: true,
    standalone: false,
    stateBefore: 'CompletingRebalance',
    sameGeneration: true,
    fromMember: true,
  };
  t.like(acceptedCommitsAreCurrent.check(state), { rules: ['OC-12'] });
  state.lastCommit = {
    accepted: true,
    standalone: true,
    stateBefore: 'Empty',
    sameGeneration: false,
    fromMember: false,
  };
  t.is(acceptedCommitsAreCurrent.check(state), undefined);
});

test('GC-19 the generation checker fails when a generation goes back', (t) => {
  const model = groupModel({ members: 1 });
  let state = model.initial();
  for (let i = 0; i < 4; i += 1) state = model.step(state, model.events(state)[0]!);
  t.is(generationMonotonic.check(state), undefined);
  state.previousGenerations = { g: 99 };
  if (state.coordinator.groups.length > 0) t.like(generationMonotonic.check(state), { rules: ['GC-19'] });
});

test('GC-35 the structure checker fails on an Empty group with members', (t) => {
  const model = groupModel({ members: 1, joinVersion: 3 });
  let state = model.initial();
  state = model.step(state, model.events(state)[0]!); // c1 joins: PreparingRebalance
  t.is(groupStructure.check(state), undefined);
  state.coordinator.groups[0]!.state = 'Empty';
  t.like(groupStructure.check(state), { rules: ['GC-35'] });
});

test('GC-37 the clients join with session.timeout.ms 45000 and max.poll.interval.ms 300000 by default', (t) => {
  const model = groupModel();
  const join = model.events(model.initial()).find((e) => e.event.type === 'join')!.event;
  t.like(join, { sessionTimeoutMs: 45000, rebalanceTimeoutMs: 300000, version: 9 });
});

test('GC-20 symmetry: states that differ only by client names have one key', (t) => {
  const model = groupModel({ members: 2 });
  const start = model.initial();
  const joinBy = (client: string) =>
    model
      .events(start)
      .find((e) => e.event.type === 'join' && 'client' in e.event && e.event.client === client)!;
  const viaC1 = model.step(start, joinBy('c1'));
  const viaC2 = model.step(start, joinBy('c2'));
  t.notDeepEqual(viaC1.clients, viaC2.clients);
  t.is(model.key(viaC1), model.key(viaC2));
});

test('GC-20 symmetry: renaming the clients of any reachable state (member ids with them) keeps its key', (t) => {
  const model = groupModel({ members: 3, maxMemberIds: 5 });
  const rename = (state: GroupModelState, map: Record<string, string>): GroupModelState =>
    JSON.parse(JSON.stringify(state).replace(/"(c[123])(?=["-])/g, (_, client: string) => `"${map[client]}`));
  let state = model.initial();
  let checked = 0;
  for (let step = 0; step < 400; step += 1) {
    const events = model.events(state);
    state = model.step(state, events[(step * 7919) % events.length]!);
    if (step % 20 !== 0) continue;
    t.is(model.key(rename(state, { c1: 'c3', c2: 'c1', c3: 'c2' })), model.key(state));
    t.is(model.key(rename(state, { c1: 'c2', c2: 'c1', c3: 'c3' })), model.key(state));
    checked += 1;
  }
  t.is(checked, 20);
});
