// Every request against a group in every state, with Kafka's answer (kafka-semantics.md §1-2).
import test from 'ava';
import type { ErrorName } from '../../spec/errors.ts';
import { DEFAULT_COORDINATOR_CONFIG } from './coordinator-config.ts';
import { type GroupMember, newGroup } from './group-state.ts';
import type {
  DescribeGroupsResponse,
  GroupRequest,
  HeartbeatResponse,
  JoinGroupResponse,
  LeaveGroupResponse,
  ListGroupsResponse,
  OffsetCommitResponse,
  SyncGroupResponse,
} from './messages.ts';
import { handleGroupRequest } from './shard.ts';
import { emptyShard } from './shard-state.ts';
import { assignmentFor, Harness, subscriptionFor, TOPIC } from './testing/harness.ts';

type StateName = 'missing' | 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

/** A harness with group 'g' in the given state; `member` is a current member (if any) and `generation` the group's. */
function groupIn(state: StateName): { h: Harness; member: string; generation: number } {
  const h = new Harness();
  switch (state) {
    case 'missing':
      return { h, member: 'nobody', generation: 0 };
    case 'Empty': {
      const { memberId } = h.stableSingle('g');
      h.leave('g', memberId);
      return { h, member: memberId, generation: h.group('g')!.generation };
    }
    case 'PreparingRebalance': {
      const { leader, follower, generation } = h.stablePair('g');
      h.join('g', { memberId: leader });
      return { h, member: follower, generation };
    }
    case 'CompletingRebalance': {
      const pair = h.stablePair('g');
      h.join('g', { memberId: pair.leader });
      h.join('g', { memberId: pair.follower, clientId: 'c2' });
      return { h, member: pair.follower, generation: pair.generation + 1 };
    }
    case 'Stable': {
      const { follower, generation } = h.stablePair('g');
      return { h, member: follower, generation };
    }
  }
}

const STATES: StateName[] = ['missing', 'Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable'];

test('the fixtures reach the states they claim', (t) => {
  for (const state of STATES.slice(1))
    t.is<string | undefined, string>(groupIn(state).h.group('g')?.state, state);
});

test('Heartbeat by state', (t) => {
  const expected: Record<StateName, ErrorName> = {
    missing: 'UNKNOWN_MEMBER_ID',
    Empty: 'UNKNOWN_MEMBER_ID',
    PreparingRebalance: 'REBALANCE_IN_PROGRESS',
    CompletingRebalance: 'NONE',
    Stable: 'NONE',
  };
  for (const state of STATES) {
    const { h, member, generation } = groupIn(state);
    t.is(h.heartbeat('g', member, generation), expected[state], state);
    if (state === 'missing' || state === 'Empty') continue;
    t.is(h.heartbeat('g', member, generation - 1), 'ILLEGAL_GENERATION', `${state}: stale generation`);
    t.is(h.heartbeat('g', 'bogus', generation), 'UNKNOWN_MEMBER_ID', `${state}: unknown member`);
  }
});

test('SyncGroup by state (a follower)', (t) => {
  const expected: Record<StateName, ErrorName | 'parked'> = {
    missing: 'UNKNOWN_MEMBER_ID',
    Empty: 'UNKNOWN_MEMBER_ID',
    PreparingRebalance: 'REBALANCE_IN_PROGRESS',
    CompletingRebalance: 'parked',
    Stable: 'NONE',
  };
  for (const state of STATES) {
    const { h, member, generation } = groupIn(state);
    const answer = h.answer<SyncGroupResponse>(h.sync('g', member, generation));
    t.is(answer?.error ?? 'parked', expected[state], state);
    if (state === 'Stable') t.deepEqual(answer?.assignment, assignmentFor(TOPIC, [1]));
    if (state === 'missing' || state === 'Empty') continue;
    t.is(
      h.answer<SyncGroupResponse>(h.sync('g', member, generation + 1))?.error,
      'ILLEGAL_GENERATION',
      state,
    );
    t.is(h.answer<SyncGroupResponse>(h.sync('g', 'bogus', generation))?.error, 'UNKNOWN_MEMBER_ID', state);
  }
});

test('OffsetCommit by state: the current generation from a member', (t) => {
  const expected: Record<StateName, ErrorName> = {
    missing: 'ILLEGAL_GENERATION',
    Empty: 'UNKNOWN_MEMBER_ID',
    PreparingRebalance: 'NONE',
    CompletingRebalance: 'REBALANCE_IN_PROGRESS',
    Stable: 'NONE',
  };
  for (const state of STATES) {
    const { h, member, generation } = groupIn(state);
    t.deepEqual(
      h.commitErrors(h.commit('g', member, generation, [{ partition: 0, offset: 5 }])),
      [expected[state]],
      state,
    );
  }
});

test('OffsetCommit by state: a stale generation, no generation, an unknown member', (t) => {
  for (const state of ['PreparingRebalance', 'CompletingRebalance', 'Stable'] as const) {
    const { h, member, generation } = groupIn(state);
    const errors = (memberId: string, gen: number) =>
      h.commitErrors(h.commit('g', memberId, gen, [{ partition: 0, offset: 1 }]));
    t.deepEqual(
      errors(member, generation - 1),
      ['ILLEGAL_GENERATION'],
      `${state}: stale is ILLEGAL_GENERATION, even mid-rebalance`,
    );
    t.deepEqual(errors('', -1), ['UNKNOWN_MEMBER_ID'], `${state}: no member, no generation`);
    t.deepEqual(errors('bogus', generation), ['UNKNOWN_MEMBER_ID'], `${state}: unknown member`);
    t.deepEqual(errors(member, -1), ['ILLEGAL_GENERATION'], `${state}: a member id with generation -1`);
  }
  const { h } = groupIn('Empty');
  t.deepEqual(
    h.commitErrors(h.commit('g', 'anyone', -1, [{ partition: 0, offset: 1 }])),
    ['NONE'],
    'Empty: generation -1 accepted whatever the member id',
  );
});

test('OffsetCommit to a missing group: generation -1 creates a simple group; otherwise GROUP_ID_NOT_FOUND (v9+) or ILLEGAL_GENERATION', (t) => {
  const h = new Harness();
  t.deepEqual(h.commitErrors(h.commit('g', '', 3, [{ partition: 0, offset: 1 }], 9)), ['GROUP_ID_NOT_FOUND']);
  t.deepEqual(h.commitErrors(h.commit('g', '', 3, [{ partition: 0, offset: 1 }], 8)), ['ILLEGAL_GENERATION']);
  t.is(h.group('g'), undefined);
  t.deepEqual(h.commitErrors(h.commit('g', '', -1, [{ partition: 0, offset: 1 }])), ['NONE']);
  t.is(h.group('g')?.state, 'Empty');
  t.is(h.group('g')?.protocolType, null);
});

test('LeaveGroup by state', (t) => {
  const h0 = new Harness();
  t.is(h0.leave('g', 'x')?.error, 'UNKNOWN_MEMBER_ID', 'missing group');
  const next: Record<Exclude<StateName, 'missing' | 'Empty'>, string> = {
    PreparingRebalance: 'CompletingRebalance', // the last missing member left: the join completes
    CompletingRebalance: 'PreparingRebalance',
    Stable: 'PreparingRebalance',
  };
  for (const state of ['PreparingRebalance', 'CompletingRebalance', 'Stable'] as const) {
    const { h, member } = groupIn(state);
    const bogus = h.leave('g', 'bogus')!;
    t.deepEqual(
      bogus.members.map((m) => m.error),
      ['UNKNOWN_MEMBER_ID'],
      state,
    );
    t.is(h.group('g')?.state, state, 'an unknown member changes nothing');
    const left = h.leave('g', member)!;
    t.deepEqual(
      left.members.map((m) => m.error),
      ['NONE'],
      state,
    );
    t.is<string | undefined, string>(h.group('g')?.state, next[state], state);
  }
});

test('LeaveGroup before v3 reports the member error at the top level', (t) => {
  const { h } = groupIn('Stable');
  const id = h.send({
    api: 'LeaveGroup',
    version: 1,
    groupId: 'g',
    members: [{ memberId: 'bogus', groupInstanceId: null }],
  });
  t.is(h.answer<LeaveGroupResponse>(id)?.error, 'UNKNOWN_MEMBER_ID');
});

test('GC-31 DescribeGroups: an unknown group is Dead with no error; members keep their assignment in every state, metadata only when Stable', (t) => {
  const h = new Harness();
  const unknown = h.answer<DescribeGroupsResponse>(
    h.send({ api: 'DescribeGroups', version: 0, groupIds: ['nope', ''] }),
  )!;
  t.like(unknown.groups[0], { error: 'NONE', groupState: 'Dead', members: [] });
  t.like(unknown.groups[1], { error: 'NONE', groupState: 'Dead', members: [] }); // GC-3: "" is a group here
  for (const state of ['PreparingRebalance', 'Stable'] as const) {
    const { h: hs } = groupIn(state);
    const described = hs.answer<DescribeGroupsResponse>(
      hs.send({ api: 'DescribeGroups', version: 0, groupIds: ['g'] }),
    )!;
    const group = described.groups[0]!;
    t.is(group.groupState, state);
    t.is(group.protocolData, state === 'Stable' ? 'range' : '');
    t.is(group.members.length, 2);
    t.true(group.members.every((m) => m.memberAssignment.length > 0));
    t.is(
      group.members.every((m) => m.memberMetadata.length > 0),
      state === 'Stable',
    );
  }
});

test('ListGroups lists every group with its state, filtered by state when asked', (t) => {
  const { h } = groupIn('Stable');
  h.commit('simple', '', -1, [{ partition: 0, offset: 1 }]);
  const all = h.answer<ListGroupsResponse>(h.send({ api: 'ListGroups', version: 4, statesFilter: [] }))!;
  t.deepEqual(
    all.groups.map((g) => [g.groupId, g.groupState]),
    [
      ['g', 'Stable'],
      ['simple', 'Empty'],
    ],
  );
  const stable = h.answer<ListGroupsResponse>(
    h.send({ api: 'ListGroups', version: 4, statesFilter: ['Stable'] }),
  )!;
  t.deepEqual(
    stable.groups.map((g) => g.groupId),
    ['g'],
  );
});

test('a Dead group answers COORDINATOR_NOT_AVAILABLE to every request (the code, not the comments)', (t) => {
  const group = newGroup('g', 0);
  const member: GroupMember = {
    memberId: 'm',
    groupInstanceId: null,
    clientId: 'c',
    clientHost: 'h',
    rebalanceTimeoutMs: 1000,
    sessionTimeoutMs: 10000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscriptionFor([TOPIC]) }],
    assignment: new Uint8Array(0),
    assignmentGeneration: -1,
    awaitingJoin: null,
    awaitingSync: null,
    isNew: false,
  };
  group.members.set('m', member);
  group.state = 'Dead';
  group.generation = 1;
  const state = { ...emptyShard(0, 1), groups: new Map([['g', group]]) };
  const ctx = { nowMs: 0, config: DEFAULT_COORDINATOR_CONFIG };
  const base = { requestId: 1, version: 5, groupId: 'g', groupInstanceId: null };
  const requests: GroupRequest[] = [
    {
      ...base,
      api: 'JoinGroup',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 1000,
      memberId: 'm',
      protocolType: 'consumer',
      protocols: member.protocols,
      clientId: 'c',
      clientHost: 'h',
    },
    {
      ...base,
      api: 'JoinGroup',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 1000,
      memberId: '',
      protocolType: 'consumer',
      protocols: member.protocols,
      clientId: 'c',
      clientHost: 'h',
    },
    {
      ...base,
      api: 'SyncGroup',
      generationId: 1,
      memberId: 'm',
      protocolType: null,
      protocolName: null,
      assignments: [],
    },
    { ...base, api: 'Heartbeat', generationId: 1, memberId: 'm' },
    {
      requestId: 1,
      version: 3,
      groupId: 'g',
      api: 'LeaveGroup',
      members: [{ memberId: 'm', groupInstanceId: null }],
    },
    {
      ...base,
      api: 'OffsetCommit',
      generationId: 1,
      memberId: 'm',
      retentionTimeMs: -1,
      topics: [
        {
          name: TOPIC,
          partitions: [
            { partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: '' },
          ],
        },
      ],
    },
  ];
  for (const request of requests) {
    const result = handleGroupRequest(state, request, ctx);
    const response = result.responses[0]?.response as
      | JoinGroupResponse
      | SyncGroupResponse
      | HeartbeatResponse
      | LeaveGroupResponse
      | OffsetCommitResponse;
    const error = 'error' in response ? response.error : response.topics[0]?.partitions[0]?.error;
    t.is(error, 'COORDINATOR_NOT_AVAILABLE', request.api);
    t.is(result.appends.length, 0);
  }
  // OffsetFetch of a Dead group: -1, no error.
  const fetched = handleGroupRequest(
    state,
    { ...base, api: 'OffsetFetch', topics: [{ name: TOPIC, partitionIndexes: [0] }] },
    ctx,
  );
  t.like(fetched.responses[0]?.response, {
    error: 'NONE',
    topics: [{ partitions: [{ committedOffset: -1 }] }],
  });
});
