// `kspec assign`: run a client-side assignor (AS-1..AS-7, racks AS-11..AS-13) on topics and member
// subscriptions.
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

interface AssignOptions {
  strategy: string;
  topic: string[];
  member: string[];
  owned: string[];
  rack: string[];
  replicaRacks: string[];
  json?: boolean;
}

function parseTopic(text: string): [string, number] {
  const at = text.lastIndexOf(':');
  const name = text.slice(0, at);
  const count = text.slice(at + 1);
  if (at <= 0 || !/^\d+$/.test(count)) throw new UsageError(`--topic expects NAME:PARTITIONS, got '${text}'`);
  return [name, Number(count)];
}

// ID[@INSTANCE]:TOPIC[,TOPIC...]
function parseMember(text: string): { memberId: string; groupInstanceId?: string; topics: string[] } {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1)
    throw new UsageError(`--member expects ID[@INSTANCE]:TOPIC[,TOPIC...], got '${text}'`);
  const [memberId, instance] = text.slice(0, at).split('@') as [string, string | undefined];
  const topics = text.slice(at + 1).split(',');
  if (!memberId || instance === '' || topics.some((topic) => topic === ''))
    throw new UsageError(`--member expects ID[@INSTANCE]:TOPIC[,TOPIC...], got '${text}'`);
  return { memberId, ...(instance === undefined ? {} : { groupInstanceId: instance }), topics };
}

// ID:TOPIC-P[,TOPIC-P...] (Kafka's TopicPartition.toString form; the last '-' separates the index)
function parseOwned(text: string): [string, { topic: string; partition: number }[]] {
  const at = text.indexOf(':');
  if (at <= 0) throw new UsageError(`--owned expects ID:TOPIC-PARTITION[,TOPIC-PARTITION...], got '${text}'`);
  const partitions = text
    .slice(at + 1)
    .split(',')
    .filter((item) => item !== '')
    .map((item) => {
      const dash = item.lastIndexOf('-');
      const index = item.slice(dash + 1);
      if (dash <= 0 || !/^\d+$/.test(index))
        throw new UsageError(`--owned: '${item}' is not TOPIC-PARTITION`);
      return { topic: item.slice(0, dash), partition: Number(index) };
    });
  return [text.slice(0, at), partitions];
}

// ID=RACK: the member's client.rack
function parseRack(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--rack expects ID=RACK, got '${text}'`);
  return [text.slice(0, at), text.slice(at + 1)];
}

// TOPIC=RACKS,RACKS,... one entry per partition in order, a partition's replica racks joined by '/'
function parseReplicaRacks(text: string): [string, string[][]] {
  const at = text.lastIndexOf('=');
  if (at <= 0 || at === text.length - 1)
    throw new UsageError(`--replica-racks expects TOPIC=RACK[/RACK...],..., got '${text}'`);
  return [
    text.slice(0, at),
    text
      .slice(at + 1)
      .split(',')
      .map((replicas) => replicas.split('/')),
  ];
}

export function register(program: Command): void {
  program
    .command('assign')
    .summary("compute a partition assignment with one of Kafka's client assignors")
    .description(
      "Compute a partition assignment with one of Kafka's client assignors and print each member's " +
        'partitions. The course example: kspec assign --strategy range --topic t:5 --member c1:t --member c2:t',
    )
    .requiredOption('--strategy <name>', 'range | roundrobin | sticky | cooperative-sticky')
    .option('--topic <name:partitions>', 'a topic and its partition count (repeatable)', collect, [])
    .option(
      '--member <id[@instance]:topics>',
      'a member, optional group.instance.id, subscribed topics comma-separated (repeatable)',
      collect,
      [],
    )
    .option(
      '--owned <id:topic-p,...>',
      'partitions a member owned before this rebalance, for the sticky assignors (repeatable)',
      collect,
      [],
    )
    .option('--rack <id=rack>', "a member's client.rack (repeatable)", collect, [])
    .option(
      '--replica-racks <topic=racks>',
      "the racks of a topic's replicas, per partition in order, a partition's replicas joined by '/' (e.g. t=a/b,b/c; repeatable)",
      collect,
      [],
    )
    .option('--json', 'print { strategy, plan: { member: [{ topic, partition }] } }')
    .action(async (options: AssignOptions) => {
      const { assign, checkAssignment, isStrategy } = await import('../../model/assignors/index.ts');
      if (!isStrategy(options.strategy))
        throw new UsageError(
          `unknown strategy '${options.strategy}' (expected range, roundrobin, sticky or cooperative-sticky)`,
        );
      if (options.topic.length === 0) throw new UsageError('give at least one --topic NAME:PARTITIONS');
      if (options.member.length === 0) throw new UsageError('give at least one --member ID:TOPIC[,TOPIC...]');
      const topics = Object.fromEntries(options.topic.map(parseTopic));
      const owned = new Map(options.owned.map(parseOwned));
      const racks = new Map(options.rack.map(parseRack));
      const members = options.member.map(parseMember).map((member) => {
        const rack = racks.get(member.memberId);
        return {
          ...member,
          owned: owned.get(member.memberId) ?? [],
          ...(rack === undefined ? {} : { rack }),
        };
      });
      const ids = members.map((member) => member.memberId);
      const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
      if (duplicate !== undefined) throw new UsageError(`member '${duplicate}' is given twice`);
      for (const id of owned.keys())
        if (!ids.includes(id)) throw new UsageError(`--owned names '${id}', which is not a --member`);
      for (const id of racks.keys())
        if (!ids.includes(id)) throw new UsageError(`--rack names '${id}', which is not a --member`);
      const partitionRacks = Object.fromEntries(options.replicaRacks.map(parseReplicaRacks));
      for (const topic of Object.keys(partitionRacks))
        if (!(topic in topics))
          throw new UsageError(`--replica-racks names '${topic}', which has no --topic`);
      for (const member of members)
        for (const topic of member.topics)
          if (!(topic in topics))
            throw new UsageError(
              `member '${member.memberId}' subscribes to '${topic}', which has no --topic`,
            );
      const input = { topics, members, partitionRacks };
      const plan = assign(options.strategy, input);
      const problems = checkAssignment(input, plan, options.strategy);
      if (problems.length > 0)
        throw new Error(`assignor broke its invariants: ${problems.map((p) => p.message).join('; ')}`);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ strategy: options.strategy, plan })}\n`);
        return;
      }
      for (const member of members) {
        const byTopic = new Map<string, number[]>();
        for (const { topic, partition } of plan[member.memberId]!)
          byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
        const text = [...byTopic].map(([topic, partitions]) => `${topic}[${partitions.join(',')}]`).join(' ');
        process.stdout.write(`${member.memberId} = ${text || '(none)'}\n`);
      }
    });
}
