// When the group model's answers survive a fault (OC-11: the coordinator is the leader of the
// group's __consumer_offsets partition, whose appends need min.insync.replicas in-sync replicas).
import test from 'ava';
import { resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { SystemState } from '../../spec/state.ts';
import { CoordinatorWatch } from './coordinator-watch.ts';

const fail = (broker: number): Event => ({ type: 'broker-failure', broker, kind: 'process-crash' });
const snapshot = (coordinator?: number): SystemState => ({
  timeMs: 0,
  brokers: [],
  partitions: [],
  groups: [
    {
      group: 'g',
      state: 'Stable',
      generation: 1,
      protocol: 'range',
      leader: 'c0',
      members: [],
      committed: [],
      ...(coordinator === undefined ? {} : { coordinator }),
    },
  ],
});

function watch(config = {}) {
  const w = new CoordinatorWatch();
  w.reset(resolveConfig({ brokers: 3, 'min.insync.replicas': 2, ...config }));
  return w;
}

test('OC-11 a failure of another broker leaves the group answers, as long as the offsets partition keeps its minimum ISR', (t) => {
  const w = watch();
  w.observe(snapshot(0));
  t.true(w.survives(fail(1), ['g']));
  t.true(w.survives(fail(1), ['g']), 'a broker already down fails no further');
  t.true(w.survives({ type: 'broker-restart', broker: 1 }, ['g']));
  // The restarted broker may still be catching up: a second failure may leave one in-sync replica.
  t.false(w.survives(fail(2), ['g']));
});

test('OC-11 a failure of the coordinator, a group whose coordinator no snapshot named, or a network partition end them', (t) => {
  const onCoordinator = watch();
  onCoordinator.observe(snapshot(1));
  t.false(onCoordinator.survives(fail(1), ['g']));
  const unknown = watch();
  unknown.observe(snapshot());
  t.false(unknown.survives(fail(1), ['g']));
  t.false(watch().survives({ type: 'network-partition', isolate: { brokers: [2], clients: [] } }, []));
});

test('OC-11 with no group yet only the ISR budget counts; min.insync.replicas=1 allows two failures', (t) => {
  const none = watch();
  t.true(none.survives(fail(0), []));
  t.false(none.survives(fail(1), []));
  const lax = watch({ 'min.insync.replicas': 1 });
  lax.observe(snapshot(0));
  t.true(lax.survives(fail(1), ['g']));
  t.true(lax.survives(fail(2), ['g']));
});

test('GC-32 a clean shutdown of the coordinator resigns its groups while it runs; a crash or an unknown coordinator predicts nothing', (t) => {
  const shutdown = (broker: number): Event => ({ type: 'broker-failure', broker, kind: 'clean-shutdown' });
  const w = watch();
  w.observe(snapshot(0));
  t.deepEqual(w.resigning(shutdown(0), ['g']), ['g']);
  t.deepEqual(w.resigning(shutdown(1), ['g']), [], 'another broker: no group answers at all');
  t.is(w.resigning(fail(0), ['g']), undefined, 'a crash closes the sockets: nothing is answered');
  t.is(w.resigning({ type: 'network-partition', isolate: { brokers: [0], clients: [] } }, ['g']), undefined);
  w.observe(snapshot());
  t.is(w.resigning(shutdown(0), ['g']), undefined, 'the snapshot does not name the coordinator');
  w.observe(snapshot(0));
  t.true(w.survives(fail(0), ['g']) === false);
  t.is(w.resigning(shutdown(0), ['g']), undefined, 'a broker already down does not resign again');
});
