// Scenarios named after Kafka's GroupMetadataManagerTest timer tests (join, initial delay, session
// and pending-member expiry), with Kafka's outcomes. Time moves only by advance-time.
import test from 'ava';
import { newEffects } from './effects.ts';
import { prepareRebalance } from './rebalance.ts';
import { type GroupDriver, kafkaDriver } from './testing/group-driver.ts';

/** Kafka's tests call prepareRebalance directly to start a rebalance nobody asked for. */
function triggerRebalance(d: GroupDriver): void {
  prepareRebalance(d.groupState(), newEffects(d.state.now, d.state.config));
}

test('GC-18 testCompleteJoinRemoveNotYetRejoinedDynamicMembers: the leader that did not re-join is removed at the join timeout', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteJoin('c1', { sessionTimeoutMs: 1000, rebalanceTimeoutMs: 1000 });
  t.is(leader.error, 'NONE');
  t.is(d.groupState().generation, 1);
  const member = d.join('c2', { sessionTimeoutMs: 1000, rebalanceTimeoutMs: 1000, version: 3 });
  t.is(d.joinAnswer(member), undefined);
  t.is(d.groupState().members.length, 2);
  t.is(d.groupState().state, 'PreparingRebalance');
  d.sleep(1000);
  const answer = d.joinAnswer(member)!;
  t.is(answer.error, 'NONE');
  t.deepEqual(
    d.groupState().members.map((m) => m.memberId),
    [answer.memberId],
  );
  t.is(d.groupState().generation, 2);
  t.deepEqual(d.lastAllowed.leaders, [answer.memberId], 'the only re-joined member must lead');
});

test('GC-18 testCompleteJoinPhaseNoMembersRejoinedExtendsJoinPhase: static members that did not re-join extend the join phase', (t) => {
  const d = kafkaDriver();
  const options = { sessionTimeoutMs: 30000, rebalanceTimeoutMs: 10000 };
  const first = d.join('c1', { ...options, instanceId: 'first-instance-id' });
  d.sleep(d.state.config.initialRebalanceDelayMs);
  const firstId = d.joinAnswer(first)!.memberId;
  const second = d.join('c2', { ...options, instanceId: 'second-instance-id' });
  t.is(d.joinAnswer(second), undefined);
  const firstAgain = d.join('c1', { ...options, memberId: firstId, instanceId: 'first-instance-id' });
  t.is(d.joinAnswer(firstAgain)?.error, 'NONE');
  t.is(d.joinAnswer(second)?.error, 'NONE');
  t.is(d.groupState().generation, 2);
  const secondId = d.joinAnswer(second)!.memberId;
  triggerRebalance(d);
  t.is(d.groupState().state, 'PreparingRebalance');
  for (let round = 0; round < 2; round += 1) {
    d.sleep(10000);
    const join = d.groupState().timers.find((timer) => timer.kind === 'join')!;
    t.is(join.deadline - d.state.now, 10000);
  }
  t.is(d.groupState().state, 'PreparingRebalance');
  t.is(d.groupState().members.length, 2);
  t.is(d.groupState().generation, 2);
  const a = d.join('c1', { ...options, memberId: firstId, instanceId: 'first-instance-id' });
  t.is(d.joinAnswer(a), undefined);
  const b = d.join('c2', { ...options, memberId: secondId, instanceId: 'second-instance-id' });
  t.is(d.joinAnswer(a)?.error, 'NONE');
  t.is(d.joinAnswer(b)?.error, 'NONE');
  t.is(d.groupState().state, 'CompletingRebalance');
  t.is(d.groupState().generation, 3);
});

test('GC-29 testHeartbeatExpirationShouldRemovePendingMember: a MEMBER_ID_REQUIRED member that never returns is dropped', (t) => {
  const d = kafkaDriver();
  t.is(d.joinAnswer(d.join('c1', { sessionTimeoutMs: 1000 }))?.error, 'MEMBER_ID_REQUIRED');
  t.is(d.groupState().members.length, 0);
  t.is(d.groupState().pending.length, 1);
  d.sleep(1000);
  t.is(d.groupState().pending.length, 0);
});

test('GC-28 testHeartbeatExpirationShouldRemoveMember: a new member waiting in its first join expires after the new-member timeout', (t) => {
  const d = kafkaDriver({ initialRebalanceDelayMs: 10 * 60 * 1000 });
  const join = d.join('c1', { version: 3 });
  t.is(d.groupState().members.length, 1);
  d.sleep(d.state.config.newMemberJoinTimeoutMs);
  t.is(d.joinAnswer(join)?.error, 'UNKNOWN_MEMBER_ID');
  t.is(d.groupState().members.length, 0);
  t.is(d.groupState().state, 'Empty');
  t.is(d.groupState().generation, 1, 'the join completed into Empty: generation still moves (GC-19)');
});

test('GC-29 testSecondMemberPartiallyJoinAndTimeout: a pending member times out, the Stable group is untouched', (t) => {
  const d = kafkaDriver();
  const leaderJoin = d.join('c1', {
    instanceId: 'leader-instance-id',
    rebalanceTimeoutMs: 10000,
    sessionTimeoutMs: 5000,
  });
  d.sleep(d.state.config.initialRebalanceDelayMs);
  const leader = d.joinAnswer(leaderJoin)!;
  t.is(leader.generation, 1);
  t.is(d.syncAnswer(d.sync('c1', leader.memberId, 1, []))?.error, 'NONE');
  t.is(d.groupState().state, 'Stable');
  t.is(d.joinAnswer(d.join('c2', { sessionTimeoutMs: 5000 }))?.error, 'MEMBER_ID_REQUIRED');
  t.is(d.groupState().pending.length, 1);
  t.is(d.groupState().state, 'Stable');
  for (let i = 0; i < 2; i += 1) {
    d.sleep(2500);
    t.is(d.heartbeat('c1', leader.memberId, 1), 'NONE');
  }
  t.deepEqual(
    d.groupState().members.map((m) => m.memberId),
    [leader.memberId],
  );
  t.is(d.groupState().pending.length, 0);
  t.is(d.groupState().generation, 1);
  t.is(d.groupState().state, 'Stable');
});

test('GC-23 testDelayInitialRebalanceByGroupInitialRebalanceDelayOnEmptyGroup: the first join waits group.initial.rebalance.delay.ms', (t) => {
  const d = kafkaDriver();
  const join = d.join('c1', { version: 3 });
  const delay = d.state.config.initialRebalanceDelayMs;
  d.sleep(delay / 2);
  t.is(d.joinAnswer(join), undefined);
  d.sleep(delay / 2 + 1);
  t.is(d.joinAnswer(join)?.error, 'NONE');
});

test('GC-23 testResetRebalanceDelayWhenNewMemberJoinsGroupDuringInitialRebalance: a newcomer extends the delay', (t) => {
  const d = kafkaDriver();
  const delay = d.state.config.initialRebalanceDelayMs;
  const options = { version: 3, rebalanceTimeoutMs: delay * 3 };
  const first = d.join('c1', options);
  d.sleep(delay - 1);
  const second = d.join('c2', options);
  d.sleep(2);
  d.sleep(delay / 2 + 1);
  t.is(d.joinAnswer(first), undefined);
  t.is(d.joinAnswer(second), undefined);
  d.sleep(delay / 2);
  t.is(d.joinAnswer(first)?.error, 'NONE');
  t.is(d.joinAnswer(second)?.error, 'NONE');
});

test('GC-23 testDelayRebalanceUptoRebalanceTimeout: extensions stop at the rebalance timeout', (t) => {
  const d = kafkaDriver();
  const delay = d.state.config.initialRebalanceDelayMs;
  const options = { version: 3, rebalanceTimeoutMs: delay * 2 };
  const first = d.join('c1', options);
  const second = d.join('c2', options);
  d.sleep(delay + 1);
  const third = d.join('c3', options);
  // The second delay counts from the first one's deadline (timers fire at their deadlines, GC-34),
  // so the join completes at 2 * delay, the rebalance timeout.
  d.sleep(delay - 2);
  for (const request of [first, second, third]) t.is(d.joinAnswer(request), undefined);
  d.sleep(1);
  for (const request of [first, second, third]) t.is(d.joinAnswer(request)?.error, 'NONE');
});

test('GC-17 the initial delayed rebalance does not complete early even when every member joined', (t) => {
  const d = kafkaDriver();
  const join = d.join('c1', { version: 3 });
  t.is(d.groupState().previousState, 'Empty');
  t.is(d.joinAnswer(join), undefined);
  d.sleep(d.state.config.initialRebalanceDelayMs);
  t.truthy(d.joinAnswer(join));
});

test('GC-34 advance-time fires due timers in deadline order, each at its own deadline', (t) => {
  const d = kafkaDriver();
  d.join('c1', { sessionTimeoutMs: 1000 });
  d.join('c2', { sessionTimeoutMs: 2000 });
  t.is(d.groupState().pending.length, 2);
  d.sleep(1500);
  t.deepEqual(
    d.groupState().pending.map((p) => p.client),
    ['c2'],
  );
  d.sleep(10_000);
  t.is(d.state.now, 11_500);
  t.deepEqual(d.groupState().pending, []);
  t.throws(() => d.sleep(0), { instanceOf: RangeError });
});

test('GC-34 a timer scheduled by a timer counts from the first deadline, not from the end of the sleep', (t) => {
  const d = kafkaDriver();
  const first = d.join('c1', { version: 3, rebalanceTimeoutMs: 10_000 });
  d.join('c2', { version: 3, rebalanceTimeoutMs: 10_000 });
  // Initial delay 3000 fires at 3000 with a member added meanwhile, so it waits once more: to 6000.
  d.sleep(6000);
  t.is(d.joinAnswer(first)?.error, 'NONE');
});
