// Building blocks shared by events, observations and state snapshots.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { ERROR_NAMES } from './errors.ts';

/** A closed object: unknown fields are rejected, so a typo in a hand-written trace is an error. */
export const Closed = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

export const Literal = <T extends string>(value: T) => Type.Literal(value);

/** A string from a fixed list, as a JSON Schema `enum` (so validators report it as one error). */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/** A logical client name chosen by the run ("c1", "p1"); the system maps it to its own ids. */
export const ClientName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' });
/** Group ids may be empty: an empty id must be answered with INVALID_GROUP_ID. */
export const GroupId = Type.String({ maxLength: 255 });
export const TopicName = Type.String({ minLength: 1, maxLength: 249, pattern: '^[A-Za-z0-9._-]+$' });
export const PartitionIndex = Type.Integer({ minimum: 0, maximum: 9999 });
export const BrokerId = Type.Integer({ minimum: 0, maximum: 99 });
export const Offset = Type.Integer({ minimum: -1 });
/** A generation id as sent or received; -1 means "no generation" (standalone commits). */
export const Generation = Type.Integer({ minimum: -1 });
export const DurationMs = Type.Integer({ minimum: 0 });

/**
 * Which member id a client request carries:
 * - `own`: the id the coordinator last gave this client (from JoinGroup or MEMBER_ID_REQUIRED),
 *   or the empty id if it has none;
 * - `none`: the empty id (a new member, or a standalone commit);
 * - `bogus`: an id the coordinator never issued.
 */
export const MemberRef = StringEnum(['own', 'none', 'bogus'] as const);

/**
 * group.instance.id (KIP-345): a static member's name, the same across its restarts. Absent: a
 * dynamic member. A static client sends it on every JoinGroup, SyncGroup, Heartbeat, LeaveGroup and
 * OffsetCommit (GC-40).
 */
export const InstanceId = Type.Optional(Type.String({ minLength: 1, maxLength: 249 }));

export const ErrorNameSchema = StringEnum(ERROR_NAMES);

export const TopicPartitions = Closed({ topic: TopicName, partitions: Type.Array(PartitionIndex) });
export const TopicPartition = Closed({ topic: TopicName, partition: PartitionIndex });

/** The pattern of bytes written in hex, two lowercase digits a byte (produce.records). */
export const HEX_BYTES_PATTERN = '^([0-9a-f]{2})*$';

export const Values = Type.Array(Type.String({ maxLength: 1024 }), { minItems: 1, maxItems: 1000 });

export type MemberRef = Static<typeof MemberRef>;
export type TopicPartitions = Static<typeof TopicPartitions>;
export type TopicPartition = Static<typeof TopicPartition>;

export type Schema = TSchema;
