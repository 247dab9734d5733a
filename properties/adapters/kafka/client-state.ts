// What the kafka: adapter remembers per client, as a consumer library would: the same record the
// reference adapter keeps (member id, generation, the protocol and members of its last join, its
// assignment and fetch positions, when it last auto-committed, and the incarnation that a crash
// bumps so answers to the dead process are ignored).
import { type ClientState, newClientState } from '../../../impl/adapter/client-state.ts';

export {
  BOGUS_MEMBER_ID,
  flattened,
  grouped,
  tpKey,
} from '../../../impl/adapter/client-state.ts';

export type KafkaClientState = ClientState;

/** A fresh client; a real cluster has no simulated clock, so auto-commit timing starts at 0. */
export function newClient(name: string, incarnation = 0): KafkaClientState {
  return newClientState(name, 0, incarnation);
}
