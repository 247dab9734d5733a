import test from 'ava';
import type { JoinGroupResponse } from './messages.ts';
import { Harness, subscriptionFor, TOPIC } from './testing/harness.ts';

test('JoinGroup v4+: a new member gets MEMBER_ID_REQUIRED with its id, then is parked until the initial delay ends', (t) => {
  const h = new Harness();
  const first = h.answer<JoinGroupResponse>(h.join('g', { clientId: 'app' }))!;
  t.is(first.error, 'MEMBER_ID_REQUIRED');
  t.regex(first.memberId, /^app-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.is(h.group('g')?.state, 'Empty', 'a pending member does not start a rebalance');
  const second = h.join('g', { clientId: 'app', memberId: first.memberId });
  t.is(h.answer(second), undefined, 'parked');
  t.is(h.group('g')?.state, 'PreparingRebalance');
  h.advance(2999);
  t.is(h.answer(second), undefined, 'group.initial.rebalance.delay.ms not over');
  h.advance(1);
  const joined = h.answer<JoinGroupResponse>(second)!;
  t.is(joined.error, 'NONE');
  t.is(joined.generationId, 1);
  t.is(joined.leader, first.memberId);
  t.is(joined.protocolName, 'range');
  t.deepEqual(
    joined.members.map((m) => m.memberId),
    [first.memberId],
  );
  t.is(h.group('g')?.state, 'CompletingRebalance');
});

test('JoinGroup v3: a new member joins at once without MEMBER_ID_REQUIRED', (t) => {
  const h = new Harness({ initialRebalanceDelayMs: 0 });
  const id = h.join('g', { version: 3 });
  h.advance(1);
  const joined = h.answer<JoinGroupResponse>(id)!;
  t.is(joined.error, 'NONE');
  t.is(joined.generationId, 1);
  t.is(joined.leader, joined.memberId);
});

test('members joining during the initial delay extend it (up to the rebalance timeout) and only the leader gets the list', (t) => {
  const h = new Harness();
  const a = h.joinNew('g', { clientId: 'a' });
  h.advance(2000);
  const b = h.joinNew('g', { clientId: 'b' });
  h.advance(1000); // first delay over, but b arrived: extended by another delay
  t.is(h.answer(a.requestId), undefined);
  h.advance(3000);
  const ja = h.answer<JoinGroupResponse>(a.requestId)!;
  const jb = h.answer<JoinGroupResponse>(b.requestId)!;
  t.is(ja.generationId, 1);
  t.is(jb.generationId, 1);
  t.is(ja.leader, a.memberId);
  t.is(jb.leader, a.memberId);
  t.is(ja.members.length, 2);
  t.is(jb.members.length, 0);
});

test('JoinGroup errors checked before routing: empty group id, session timeout bounds', (t) => {
  const h = new Harness();
  t.is(h.answer<JoinGroupResponse>(h.join(''))?.error, 'INVALID_GROUP_ID');
  t.is(
    h.answer<JoinGroupResponse>(h.join('g', { sessionTimeoutMs: 5999 }))?.error,
    'INVALID_SESSION_TIMEOUT',
  );
  t.is(
    h.answer<JoinGroupResponse>(h.join('g', { sessionTimeoutMs: 1800001 }))?.error,
    'INVALID_SESSION_TIMEOUT',
  );
  t.is(h.answer<JoinGroupResponse>(h.join('g', { sessionTimeoutMs: 6000 }))?.error, 'MEMBER_ID_REQUIRED');
});

test('JoinGroup with a member id to a missing group is UNKNOWN_MEMBER_ID and creates nothing', (t) => {
  const h = new Harness();
  t.is(h.answer<JoinGroupResponse>(h.join('g', { memberId: 'someone' }))?.error, 'UNKNOWN_MEMBER_ID');
  t.is(h.group('g'), undefined);
});

test('INCONSISTENT_GROUP_PROTOCOL: empty protocol type, or no protocol in common with the members', (t) => {
  const h = new Harness();
  t.is(h.answer<JoinGroupResponse>(h.join('g', { protocolType: '' }))?.error, 'INCONSISTENT_GROUP_PROTOCOL');
  t.is(h.group('g'), undefined);
  h.stableSingle('g');
  const other = [{ name: 'roundrobin', metadata: subscriptionFor([TOPIC]) }];
  t.is(h.answer<JoinGroupResponse>(h.join('g', { protocols: other }))?.error, 'INCONSISTENT_GROUP_PROTOCOL');
  t.is(
    h.answer<JoinGroupResponse>(h.join('g', { protocolType: 'connect' }))?.error,
    'INCONSISTENT_GROUP_PROTOCOL',
  );
});

test('GROUP_MAX_SIZE_REACHED once group.max.size members are in', (t) => {
  const h = new Harness({ maxGroupSize: 1 });
  h.stableSingle('g');
  const refused = h.answer<JoinGroupResponse>(h.join('g', { version: 3 }))!;
  t.is(refused.error, 'GROUP_MAX_SIZE_REACHED');
  t.is(h.group('g')?.members.size, 1);
  t.is(h.group('g')?.state, 'Stable');
});

test('GROUP_MAX_SIZE_REACHED drops a pending member too, so the leader re-joining completes the join phase', (t) => {
  const h = new Harness({ maxGroupSize: 1 });
  // The second client got its member id while the group was still Empty: it is pending.
  const pending = h.answer<JoinGroupResponse>(h.join('g', { clientId: 'other' }))!;
  t.is(pending.error, 'MEMBER_ID_REQUIRED');
  const leader = h.stableSingle('g').memberId;
  const refused = h.answer<JoinGroupResponse>(
    h.join('g', { clientId: 'other', memberId: pending.memberId }),
  )!;
  t.is(refused.error, 'GROUP_MAX_SIZE_REACHED');
  t.false(h.group('g')?.pendingMembers.has(pending.memberId), 'no longer pending');
  const rejoined = h.answer<JoinGroupResponse>(h.join('g', { memberId: leader }));
  t.is(rejoined?.error, 'NONE', 'not parked for a pending member that will never join');
});

test('Stable: a follower re-joining with the same metadata gets the current generation, no rebalance', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = h.stablePair('g');
  const again = h.answer<JoinGroupResponse>(h.join('g', { memberId: follower, clientId: 'c2' }))!;
  t.is(again.error, 'NONE');
  t.is(again.generationId, generation);
  t.is(again.leader, leader);
  t.deepEqual(again.members, []);
  t.is(h.group('g')?.state, 'Stable');
});

test('Stable: the leader re-joining, or a follower with new metadata, starts a rebalance', (t) => {
  for (const who of ['leader', 'follower-new-metadata'] as const) {
    const h = new Harness();
    const pair = h.stablePair('g');
    const protocols =
      who === 'leader' ? undefined : [{ name: 'range', metadata: subscriptionFor([TOPIC, 'other']) }];
    const memberId = who === 'leader' ? pair.leader : pair.follower;
    const id = h.join('g', { memberId, ...(protocols ? { protocols } : {}) });
    t.is(h.answer(id), undefined, `${who}: parked`);
    t.is(h.group('g')?.state, 'PreparingRebalance', who);
    t.is(h.group('g')?.generation, pair.generation, 'the generation moves only when the join completes');
  }
});

test('CompletingRebalance: same metadata gets the current answer again; changed metadata rebalances', (t) => {
  const h = new Harness();
  const a = h.joinNew('g', { clientId: 'a' });
  h.advance(3000);
  const joined = h.answer<JoinGroupResponse>(a.requestId)!;
  const again = h.answer<JoinGroupResponse>(h.join('g', { memberId: a.memberId }))!;
  t.is(again.error, 'NONE');
  t.is(again.generationId, joined.generationId);
  t.is(again.members.length, 1, 'the leader gets the member list again');
  const changed = h.join('g', {
    memberId: a.memberId,
    protocols: [{ name: 'range', metadata: subscriptionFor(['x']) }],
  });
  // Alone in the group, its re-join completes the join phase at once: generation 2.
  t.is(h.answer<JoinGroupResponse>(changed)?.generationId, 2);
});

test('Empty group: a known-looking member id is UNKNOWN_MEMBER_ID', (t) => {
  const h = new Harness();
  const { memberId } = h.stableSingle('g');
  h.leave('g', memberId);
  t.is(h.group('g')?.state, 'Empty');
  t.is(h.answer<JoinGroupResponse>(h.join('g', { memberId }))?.error, 'UNKNOWN_MEMBER_ID');
});

test('protocol selection: each member votes its first choice among the common protocols; most votes win', (t) => {
  const h = new Harness({ initialRebalanceDelayMs: 0 });
  const meta = subscriptionFor([TOPIC]);
  const p = (...names: string[]) => names.map((name) => ({ name, metadata: meta }));
  const ids = [
    h.join('g', { version: 3, protocols: p('range', 'roundrobin', 'sticky') }),
    h.join('g', { version: 3, protocols: p('sticky', 'roundrobin', 'range') }),
    h.join('g', { version: 3, protocols: p('roundrobin', 'range') }),
  ];
  h.advance(1);
  // sticky is not common; votes: range, roundrobin (second's first common), roundrobin.
  for (const id of ids) t.is(h.answer<JoinGroupResponse>(id)?.protocolName, 'roundrobin');
});

test('PreparingRebalance: the join completes when the last known member re-joins', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = h.stablePair('g');
  const first = h.join('g', { memberId: leader });
  t.is(h.answer(first), undefined);
  const second = h.join('g', { memberId: follower, clientId: 'c2' });
  const a = h.answer<JoinGroupResponse>(first)!;
  const b = h.answer<JoinGroupResponse>(second)!;
  t.is(a.generationId, generation + 1);
  t.is(b.generationId, generation + 1);
  t.is(h.group('g')?.state, 'CompletingRebalance');
});
