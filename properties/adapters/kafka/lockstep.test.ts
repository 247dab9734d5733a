// The deterministic group lockstep over the wire (issue 19 part 3) against `kspec broker` started on
// loopback: every answer of the group, commit and assignors suites compared with the model; and
// the runs it refuses (a cluster's settings that are not the run's).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ReferenceBroker } from '../../../impl/broker/reference-broker.ts';
import { resolveConfig } from '../../../spec/config.ts';
import type { Observation } from '../../../spec/observations.ts';
import { settingsProblem } from './lockstep-pacing.ts';
import { LOCKSTEP_CONFIG, lockstepBrokerSettings, runGroupLockstep } from './lockstep-run.ts';
import { KafkaLockstepSystem, LOCKSTEP_EVENTS } from './lockstep-system.ts';
import { describeConfigsProblem } from './topic-settings.ts';

const quiet = { log: () => undefined };

test.serial(
  'kspec broker over the wire agrees with the model on every group and commit answer',
  async (t) => {
    t.timeout(600_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'kspec-lockstep-'));
    const broker = await ReferenceBroker.start({
      brokers: 1,
      port: 0,
      dataDir,
      config: { ...lockstepBrokerSettings(), 'replication.factor': 1, 'min.insync.replicas': 1 },
      logger: quiet,
    });
    try {
      const results = await runGroupLockstep({ bootstrap: broker.bootstrap(), seed: 19, runs: 20 });
      for (const { suite, outcome, compared, refused } of results) {
        t.false(
          outcome.failed,
          `${suite}: ${outcome.findings?.[0]?.message ?? outcome.crash}\n${outcome.commands}`,
        );
        // Offered events are compared; only advance-time is refused (applied to neither side).
        t.true(compared >= 0.6 * outcome.events, `${suite}: ${compared} of ${outcome.events} compared`);
        t.is(refused, 0, suite);
      }
      const answers = (type: Observation['type']) =>
        results.reduce((sum, r) => sum + (r.outcome.tally.rows.get(`answer:${type}`)?.checked ?? 0), 0);
      for (const type of ['join-response', 'sync-response', 'commit-response', 'heartbeat-response'] as const)
        t.true(answers(type) > 5, `${type}: ${answers(type)}`);
    } finally {
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);

test('the mode offers group and commit events only, and declares itself deterministic', async (t) => {
  const system = new KafkaLockstepSystem({ bootstrap: [{ host: '127.0.0.1', port: 1 }] });
  const capabilities = await system.capabilities();
  t.true(capabilities.deterministic);
  t.deepEqual(capabilities.events, [...LOCKSTEP_EVENTS]);
  for (const type of ['produce', 'fetch', 'broker-failure', 'consumer-crash'] as const)
    t.false(capabilities.events.includes(type));
});

test('a cluster whose group settings are not the run’s is refused with the reason', (t) => {
  const config = resolveConfig({ 'group.initial.rebalance.delay.ms': 0, ...LOCKSTEP_CONFIG });
  const cluster = new Map(Object.entries(lockstepBrokerSettings()).map(([k, v]) => [k, String(v)]));
  t.is(settingsProblem(config, cluster), undefined);
  t.regex(
    settingsProblem(config, new Map([...cluster, ['group.initial.rebalance.delay.ms', '3000']])) ?? '',
    /group.initial.rebalance.delay.ms is 3000: the lockstep needs 0/,
  );
  t.regex(
    settingsProblem(config, new Map([...cluster, ['group.max.size', '2']])) ?? '',
    /the run's group.max.size=2147483647 is not the cluster's 2/,
  );
});

test('RP-27: DescribeConfigs is compared only where the cluster sets broker-wide the topic settings the run names', (t) => {
  const cluster = new Map([['min.insync.replicas', '1']]);
  t.is(describeConfigsProblem({ 'min.insync.replicas': 1, brokers: 1 }, cluster), undefined);
  t.regex(
    describeConfigsProblem({ 'min.insync.replicas': 2 }, cluster) ?? '',
    /min.insync.replicas \(run: 2, cluster: 1\)/,
  );
  t.regex(describeConfigsProblem({}, cluster) ?? '', /min.insync.replicas \(run: default, cluster: 1\)/);
  t.regex(
    describeConfigsProblem(resolveConfig({ 'min.insync.replicas': 1 }), cluster) ?? '',
    /segment.bytes \(run: 1073741824, cluster: default\)/,
    "a check run's resolved configuration names every setting",
  );
});
