// What the group model's clients learn from its answers, and the answers as the contract's
// observations: a JoinGroup answer gives a member id, generation, protocol and (to the leader) the
// members; a SyncGroup answer what the member now holds (a sticky assignor's next subscription
// carries it); member ids become client names.
import type { Observation } from '../../spec/observations.ts';
import type { ClientMemory } from './contract-requests.ts';
import type { Answer, TopicPartitions } from './types.ts';

export interface AnswerContext {
  memory(client: string): ClientMemory;
  /** A member id the coordinator gave `client`. */
  issue(memberId: string, client: string): void;
  clientOf(memberId: string | null): string | null;
  /** The group's current generation (-1 when there is none). */
  generationOf(group: string): number;
}

export function observeAnswer(answer: Answer, clients: AnswerContext): Observation {
  switch (answer.type) {
    case 'join-response': {
      const memory = clients.memory(answer.client);
      if (answer.memberId !== '') clients.issue(answer.memberId, answer.client);
      for (const member of answer.members) if (member.client) clients.issue(member.memberId, member.client);
      if (answer.error === 'NONE') {
        Object.assign(memory, {
          memberId: answer.memberId,
          generation: answer.generation,
          protocol: answer.protocol,
          leaderOf: answer.members.length > 0 ? answer.members : null,
        });
      } else if (answer.error === 'MEMBER_ID_REQUIRED') {
        memory.memberId = answer.memberId;
      } else if (answer.error === 'UNKNOWN_MEMBER_ID') {
        // The member id stays (the contract's `own` is the last id given; a run re-joins afresh
        // with `none`); what the membership carried is gone.
        Object.assign(memory, { generation: -1, leaderOf: null });
      }
      return {
        ...answer,
        leader: clients.clientOf(answer.leader),
        members: answer.members.map((m) => ({
          client: m.client,
          memberId: m.memberId,
          topics: m.topics,
          ...(m.instanceId ? { instanceId: m.instanceId } : {}),
        })),
      };
    }
    case 'sync-response':
      // What a sticky assignor's next subscription carries (the client keeps it sorted), with the
      // generation the SyncGroup named: the group's, since it answered NONE.
      if (answer.error === 'NONE') {
        const generation = clients.generationOf(answer.group);
        clients.memory(answer.client).held = { owned: sortedAssignment(answer.assignment), generation };
      }
      return {
        ...answer,
        assignment: answer.assignment.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions] })),
      };
    case 'describe-response':
      return {
        ...answer,
        members: answer.members.map((m) => ({
          // By the client its id was issued to; a static member whose first JoinGroup is still
          // parked (no MEMBER_ID_REQUIRED round gave it an id) by its client.id.
          client: clients.clientOf(m.memberId),
          memberId: m.memberId,
          assignment: m.assignment.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions] })),
        })),
      };
    default:
      return answer as Observation;
  }
}

/** An assignment as the client keeps it: topics and partitions sorted, topics without partitions left out. */
function sortedAssignment(assignment: readonly TopicPartitions[]): TopicPartitions[] {
  return assignment
    .filter((tp) => tp.partitions.length > 0)
    .map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions].sort((a, b) => a - b) }))
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}
