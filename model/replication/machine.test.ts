import assert from 'node:assert/strict';
import test from 'ava';
import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import { coverageUniverse } from '../explore/coverage.ts';
import { replicationMachine } from './machine.ts';
import { replicationSettings } from './settings.ts';
import { initialReplicationState } from './state.ts';
import { enabledEvents, machineState, stepReplication } from './step.ts';
import { FAILURE_KINDS, type ReplicationEvent } from './types.ts';

const anyEvent = (replicas: number): fc.Arbitrary<ReplicationEvent> =>
  fc.oneof(
    fc.constant({ type: 'PRODUCE' } as const),
    fc.constant({ type: 'COMPLETE_PRODUCE' } as const),
    fc.record({
      type: fc.constantFrom('FETCH', 'LAG_OUT', 'FLUSH', 'RESTART', 'ELECT'),
      broker: fc.nat(replicas - 1),
    }) as fc.Arbitrary<ReplicationEvent>,
    fc.record({
      type: fc.constant('FAIL' as const),
      broker: fc.nat(replicas - 1),
      kind: fc.constantFrom(...FAILURE_KINDS),
    }),
  );

const configs = fc.record({
  acks: fc.constantFrom('all', '1', '0'),
  'min.insync.replicas': fc.constantFrom('1', '2', '3'),
  'unclean.leader.election.enable': fc.constantFrom('true', 'false'),
  'kspec.replication.truncation': fc.constantFrom('leader-epoch', 'high-watermark'),
  'kspec.faults.power-loss': fc.constantFrom('0', '2'),
  'flush.messages': fc.constantFrom('1', '2147483647'),
  'kspec.producer.send': fc.constantFrom('callback', 'fire-and-forget'),
});

test('RP-1 RP-8 RP-12 RP-13 RP-16 RP-21 the XState machine stepped with transition() and the compiled step agree on every event, enabled or not', (t) => {
  fc.assert(
    fc.property(
      configs,
      fc.array(fc.tuple(fc.boolean(), fc.nat(), anyEvent(3)), { maxLength: 40 }),
      (config, choices) => {
        const settings = replicationSettings({ config, writes: 3 });
        let [snapshot] = initialTransition(replicationMachine, settings);
        let state = initialReplicationState(settings);
        assert.deepEqual(snapshot.context.partition, state);
        for (const [pickEnabled, index, random] of choices) {
          const enabled = enabledEvents(state, settings);
          const event = pickEnabled && enabled.length > 0 ? enabled[index % enabled.length]! : random;
          [snapshot] = transition(replicationMachine, snapshot, event);
          state = stepReplication(state, event, settings);
          assert.deepEqual(snapshot.context.partition, state, JSON.stringify(event));
          assert.equal(snapshot.value, machineState(state));
        }
      },
    ),
    { seed: 20261122, numRuns: 150 },
  );
  t.pass();
});

test('RP-12 the machine declares online and offline and the transitions between them (read with @xstate/graph)', (t) => {
  const universe = coverageUniverse([replicationMachine]);
  t.true(universe.states.includes('replication.online'));
  t.true(universe.states.includes('replication.offline'));
  t.true(universe.transitions.includes('replication.online --FAIL--> replication.offline'));
  t.true(universe.transitions.includes('replication.offline --ELECT--> replication.online'));
});
