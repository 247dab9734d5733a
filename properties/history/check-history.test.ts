import test from 'ava';
import type { SystemState } from '../../spec/state.ts';
import { HistoryBuilder } from '../testing/history-builder.ts';
import { checkHistory, violationsOf } from './check-history.ts';
import type { History } from './history.ts';

const propertiesFound = (history: History) => checkHistory(history).findings.map((f) => f.property);

function cleanHistory(): History {
  const h = new HistoryBuilder();
  h.produce('p1', ['a', 'b'], 0);
  h.produce('p1', ['c'], 2);
  h.poll('c1', 'g', 0, ['a', 'b']);
  h.step({ type: 'process', client: 'c1' });
  h.consumerCommit('c1', 'g', 1, 2);
  h.poll('c1', 'g', 2, ['c']);
  h.step({ type: 'process', client: 'c1' });
  h.consumerCommit('c1', 'g', 1, 3);
  h.final().fetch('reader', 0, ['a', 'b', 'c']);
  return h.build();
}

test('a clean history has no findings at all', (t) => {
  const report = checkHistory(cleanHistory());
  t.deepEqual(report.findings, []);
  t.true((report.tally.get('no-acknowledged-loss')?.checked ?? 0) > 0);
});

test('RP-18 no-acknowledged-loss: an acknowledged value missing from the final log', (t) => {
  const h = new HistoryBuilder();
  h.produce('p1', ['a'], 0);
  h.produce('p1', ['b'], 1);
  h.final().fetch('reader', 0, ['a']);
  const found = violationsOf(checkHistory(h.build()).findings);
  t.deepEqual(
    found.map((f) => f.property),
    ['no-acknowledged-loss'],
  );
  t.regex(found[0]!.message, /b \(acknowledged at offset 1/);
});

test('RP-18 lost-write: an acknowledged value below a read offset was never read', (t) => {
  const h = new HistoryBuilder();
  h.produce('p1', ['a'], 0);
  h.produce('p1', ['b'], 1);
  h.produce('p1', ['c'], 2);
  h.fetch('r', 0, ['a']);
  h.fetch('r', 2, ['c']);
  t.true(propertiesFound(h.build()).includes('lost-write'));
});

test('RP-18 lost-write: values below every read are not lost (a reader that started at the log end)', (t) => {
  const h = new HistoryBuilder();
  h.produce('p1', ['a'], 0);
  h.produce('p1', ['b'], 1);
  h.produce('p1', ['c'], 2);
  h.fetch('r', 2, ['c']);
  t.false(propertiesFound(h.build()).includes('lost-write'));
});

test('RP-21 fire-and-forget counts every sent value as acknowledged; callback reports a dropped send instead', (t) => {
  for (const [mode, expected] of [
    ['fire-and-forget', 'no-acknowledged-loss'],
    ['callback', 'no-dropped-send'],
  ] as const) {
    const h = new HistoryBuilder({ 'kspec.producer.send': mode, retries: 0 });
    h.produce('p1', ['a'], 0);
    h.produce('p1', ['b'], -1, 'NOT_LEADER_OR_FOLLOWER');
    h.final().fetch('reader', 0, ['a']);
    t.deepEqual(
      violationsOf(checkHistory(h.build()).findings).map((f) => f.property),
      [expected],
      mode,
    );
  }
});

test('a re-sent value that arrives is neither dropped nor lost', (t) => {
  const h = new HistoryBuilder();
  h.produce('p1', ['a'], -1, 'NOT_ENOUGH_REPLICAS');
  h.produce('p1', ['a'], 0);
  h.final().fetch('reader', 0, ['a']);
  t.deepEqual(checkHistory(h.build()).findings, []);
});

test('acks=0 sends count as acknowledged when sent', (t) => {
  const h = new HistoryBuilder();
  h.produce('p1', ['a'], 0, 'NONE', 0);
  h.final().fetch('reader', 0, []);
  t.deepEqual(propertiesFound(h.build()), ['no-acknowledged-loss']);
});

test("IP-8 Jepsen's duplicate is reported; the same value written twice is also duplicate-write, a violation", (t) => {
  const h = new HistoryBuilder();
  h.produce('p1', ['a'], 0);
  h.final().fetch('reader', 0, ['a', 'a']);
  const report = checkHistory(h.build());
  t.deepEqual(
    report.findings.map((f) => [f.property, f.severity]),
    [
      ['duplicate', 'report'],
      ['duplicate-write', 'violation'],
    ],
  );
});

test('RP-19 inconsistent-offsets: a read disagrees with an acknowledgement about an offset', (t) => {
  const h = new HistoryBuilder();
  h.produce('p1', ['a'], 0);
  h.fetch('r', 0, ['x']);
  t.true(propertiesFound(h.build()).includes('inconsistent-offsets'));
});

test('OC-19 poll-skip and nonmonotonic-poll within one assignment; excused across a rebalance', (t) => {
  const skip = new HistoryBuilder();
  skip.poll('c1', 'g', 0, ['a']);
  skip.poll('c1', 'g', 2, ['c']);
  t.deepEqual(propertiesFound(skip.build()), ['poll-skip']);

  const back = new HistoryBuilder();
  back.poll('c1', 'g', 0, ['a', 'b']);
  back.poll('c1', 'g', 1, ['b']);
  t.deepEqual(propertiesFound(back.build()), ['nonmonotonic-poll']);

  const excused = new HistoryBuilder();
  excused.poll('c1', 'g', 0, ['a', 'b']);
  excused.step({ type: 'leave', client: 'c1', group: 'g', member: 'own' });
  excused.poll('c1', 'g', 0, ['a']);
  excused.poll('c1', 'g', 5, ['f']);
  t.deepEqual(propertiesFound(excused.build()), ['poll-skip']);
});

test('RP-19 nonmonotonic-send: a later acknowledged send at a lower offset', (t) => {
  const h = new HistoryBuilder();
  h.produce('p1', ['a', 'b'], 0);
  h.produce('p1', ['c'], 1);
  t.true(propertiesFound(h.build()).includes('nonmonotonic-send'));
});

test('OC-16 at-least-once: a committed record that was never processed (commit, then crash)', (t) => {
  const h = new HistoryBuilder();
  h.produce('p1', ['a', 'b'], 0);
  h.poll('c1', 'g', 0, ['a', 'b']);
  h.consumerCommit('c1', 'g', 1, 2);
  h.step({ type: 'consumer-crash', client: 'c1' });
  h.step({ type: 'process', client: 'c1' });
  h.final().fetch('reader', 0, ['a', 'b']);
  const found = violationsOf(checkHistory(h.build()).findings);
  t.deepEqual(
    found.map((f) => f.property),
    ['at-least-once', 'at-least-once'],
  );
});

const stateWithGroup = (generation: number, state: 'Stable' | 'Empty', members: string[]): SystemState => ({
  timeMs: 0,
  brokers: [],
  partitions: [],
  groups: [
    {
      group: 'g',
      state,
      generation,
      protocol: 'range',
      leader: members[0] ?? null,
      members: members.map((client) => ({ client, syncedGeneration: generation, assignment: [] })),
      committed: [],
    },
  ],
});

test('OC-12 no-stale-generation-commit: exact with snapshots, accepted stale generation is a violation', (t) => {
  const h = new HistoryBuilder();
  h.step({ type: 'advance-time', ms: 1 }, () => [], stateWithGroup(3, 'Stable', ['c1']));
  h.consumerCommit('c1', 'g', 2, 5);
  t.deepEqual(propertiesFound(h.build()), ['no-stale-generation-commit']);

  const ok = new HistoryBuilder();
  ok.step({ type: 'advance-time', ms: 1 }, () => [], stateWithGroup(3, 'Stable', ['c1']));
  ok.consumerCommit('c1', 'g', 3, 5);
  ok.consumerCommit('c1', 'g', 2, 5, 'ILLEGAL_GENERATION');
  t.deepEqual(propertiesFound(ok.build()), []);

  const empty = new HistoryBuilder();
  empty.step({ type: 'advance-time', ms: 1 }, () => [], stateWithGroup(3, 'Stable', ['c1']));
  empty.consumerCommit('c2', 'g', -1, 5);
  t.deepEqual(propertiesFound(empty.build()), ['no-stale-generation-commit']);
});

test('OC-12 no-stale-generation-commit: a commit is judged by the group it met when it arrived, not when it was answered', (t) => {
  // The coordinator validated the commit at generation 1; its record waited for replication while
  // the group rebalanced to generation 2, and the answer came after (a lagging offsets partition).
  const delayed = new HistoryBuilder();
  delayed.step({ type: 'advance-time', ms: 1 }, () => [], stateWithGroup(1, 'Stable', ['c1']));
  const arrived = delayed.step(
    { type: 'consumer-commit', client: 'c1', group: 'g', mode: 'sync' },
    () => [],
    stateWithGroup(1, 'Stable', ['c1']),
  );
  delayed.step({ type: 'advance-time', ms: 1 }, () => [], stateWithGroup(2, 'Stable', ['c1']));
  const commitAnswer = (request: number, generation: number) => ({
    type: 'commit-response' as const,
    request,
    client: 'c1',
    group: 'g',
    source: 'consumer' as const,
    generation,
    partitions: [{ topic: 't', partition: 0, offset: 5, error: 'NONE' as const }],
  });
  delayed.step(
    { type: 'advance-time', ms: 1 },
    () => [commitAnswer(arrived, 1)],
    stateWithGroup(2, 'Stable', ['c1']),
  );
  t.deepEqual(propertiesFound(delayed.build()), []);

  // The same late answer for a commit that arrived after the group had moved to generation 2 is stale.
  const stale = new HistoryBuilder();
  stale.step({ type: 'advance-time', ms: 1 }, () => [], stateWithGroup(2, 'Stable', ['c1']));
  const late = stale.step(
    { type: 'consumer-commit', client: 'c1', group: 'g', mode: 'sync' },
    () => [],
    stateWithGroup(2, 'Stable', ['c1']),
  );
  stale.step(
    { type: 'advance-time', ms: 1 },
    () => [commitAnswer(late, 1)],
    stateWithGroup(2, 'Stable', ['c1']),
  );
  t.deepEqual(propertiesFound(stale.build()), ['no-stale-generation-commit']);
});

test('OC-12 no-stale-generation-commit: black-box fallback uses announced generations', (t) => {
  const h = new HistoryBuilder();
  h.step(
    {
      type: 'join',
      client: 'c1',
      group: 'g',
      member: 'own',
      protocols: [{ name: 'range', topics: ['t'] }],
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 10000,
    },
    (request) => [
      {
        type: 'join-response',
        request,
        client: 'c1',
        group: 'g',
        error: 'NONE',
        memberId: 'm1',
        generation: 4,
        protocol: 'range',
        leader: 'c1',
        members: [],
      },
    ],
  );
  h.consumerCommit('c1', 'g', 3, 1);
  t.deepEqual(propertiesFound(h.build()), ['no-stale-generation-commit']);
});
