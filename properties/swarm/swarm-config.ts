// A run's swarm configuration (drawn by swarm.ts) and how commands read it: what each consumer's
// JoinGroup carries. Kept apart from the arbitraries so that commands and the run's knowledge can
// read it without importing the generators.
import { type Config, intSetting } from '../../spec/config.ts';

/**
 * The assignors a consumer may offer (partition.assignment.strategy's values), and a swarm member's
 * protocol list draws from all four. A member offering a sticky one sends what it holds with it, so
 * its metadata changes with its assignment and a re-join of a Stable group then rebalances
 * (GC-15), and the leader's sticky assignor reads what each member holds (AS-5).
 */
export const STRATEGIES = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const;

/** A session timeout: the configured one, a boundary of the broker's allowed range, or any value in it. */
export type SessionChoice = 'config' | 'min' | 'max' | 'below-min' | 'above-max' | number;
/** A rebalance timeout: max.poll.interval.ms, one millisecond, or any value up to ten minutes. */
export type RebalanceChoice = 'config' | number;

export interface MemberSettings {
  readonly session: SessionChoice;
  readonly rebalance: RebalanceChoice;
  /** The assignors it offers, best first; absent: the configured strategy first, then range/roundrobin. */
  readonly protocols?: readonly string[];
  /**
   * A static member (GC-40): its group.instance.id is its own (`i<n>` for consumer cn), or shared
   * with consumer c0 (`i0`), as two consumers configured with one instance id; absent: dynamic.
   */
  readonly instance?: 'own' | 'shared';
  /** The JoinGroup version it sends: 9 (KIP-814's answers to a replaced static leader); absent: 5. */
  readonly joinVersion?: 9;
  /** The OffsetCommit version it sends: 8 or 2, the lowest Kafka 4.4 serves (OC-1); absent: 9. */
  readonly commitVersion?: 2 | 8;
  /** The LeaveGroup version it sends: 0 or 2 (the member id in the request itself); absent: 3. */
  readonly leaveVersion?: 0 | 2;
}

/** The group.instance.id consumer `index` sends, if it is static. */
export function instanceIdOf(member: MemberSettings | undefined, index: number): string | undefined {
  if (!member?.instance) return undefined;
  return member.instance === 'shared' ? 'i0' : `i${index}`;
}

export interface Swarm {
  /** Command kinds this run leaves out (never all of the suite's). */
  readonly omit: readonly string[];
  /** Broker, topic and topic-creation settings for this run (the profile's flip still wins). */
  readonly config: Config;
  /** JoinGroup fields of consumers c0, c1, c2. */
  readonly members: readonly MemberSettings[];
}

export function sessionTimeoutMs(config: Config, choice: SessionChoice): number {
  switch (choice) {
    case 'config':
      return intSetting(config, 'session.timeout.ms');
    case 'min':
      return intSetting(config, 'group.min.session.timeout.ms');
    case 'max':
      return intSetting(config, 'group.max.session.timeout.ms');
    case 'below-min':
      return Math.max(1, intSetting(config, 'group.min.session.timeout.ms') - 1);
    case 'above-max':
      return intSetting(config, 'group.max.session.timeout.ms') + 1;
    default:
      return choice;
  }
}

export function rebalanceTimeoutMs(config: Config, choice: RebalanceChoice): number {
  return choice === 'config' ? intSetting(config, 'max.poll.interval.ms') : choice;
}
