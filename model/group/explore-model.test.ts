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
  t.true(result.states > 1000);
  t.deepEqual(result.violations, []);
});

test('GC-19 GC-35 GC-36 OC-12 two members, every event kind, to depth 7: no violation', (t) => {
  const result = explore(groupModel({ members: 2, partitions: 2, ...small }), { maxDepth: 7 });
  t.true(result.states > 500);
  t.deepEqual(result.violations, []);
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
