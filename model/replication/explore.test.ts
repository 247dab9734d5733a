import test from 'ava';
import { coverageUniverse } from '../explore/coverage.ts';
import { explore } from '../explore/explore.ts';
import { replicationMachine } from './machine.ts';
import { replicationModel } from './model.ts';
import { SAFE_REPLICATION_CONFIG, UNSAFE_REPLICATION_SCENARIOS } from './profiles.ts';

const universe = coverageUniverse([replicationMachine]);

test('RP-20 RP-3 RP-4 RP-18 RP-19 the safe profile: one write, exhaustive, zero violations, every machine state and transition covered', (t) => {
  const result = explore(replicationModel({ config: SAFE_REPLICATION_CONFIG, writes: 1 }), {
    coverage: universe,
  });
  t.true(result.exhausted);
  t.deepEqual(result.violations, []);
  t.true(result.states > 1000, `${result.states} states`);
  t.deepEqual(result.coverage.states.missing, []);
  t.deepEqual(result.coverage.transitions.missing, []);
});

test('RP-20 RP-17 with flush.messages=1 the safe profile also survives power loss on every broker', (t) => {
  const result = explore(
    replicationModel({
      config: { ...SAFE_REPLICATION_CONFIG, 'kspec.faults.power-loss': 3, 'flush.messages': 1 },
      writes: 1,
    }),
  );
  t.true(result.exhausted);
  t.deepEqual(result.violations, []);
});

for (const scenario of UNSAFE_REPLICATION_SCENARIOS) {
  test(`RP-18 RP-19 RP-4 unsafe ${scenario.setting}: the explorer finds the loss with a shortest trace`, (t) => {
    const result = explore(replicationModel({ config: scenario.config, writes: 1 }));
    const found = result.violations.flatMap((violation) => violation.rules);
    for (const rule of scenario.expectedRules) t.true(found.includes(rule), `${rule} in ${found}`);
    const loss = result.violations.find((violation) => violation.rules.includes('RP-18'))!;
    t.is(loss.trace.length, loss.depth);
    t.true(loss.trace.length >= 2 && loss.trace.length <= 9, `trace of ${loss.trace.length}`);
  });
}

test('RP-18 acks=1 loses the write in two steps: produce, then the leader fails before any follower copies', (t) => {
  const result = explore(replicationModel({ config: { ...SAFE_REPLICATION_CONFIG, acks: '1' }, writes: 1 }));
  const loss = result.violations.find((violation) => violation.rules.includes('RP-18'))!;
  t.deepEqual(
    loss.trace.map((step) => step.event),
    ['produce to the leader', 'broker 0 fails: disk-loss'],
  );
});
