import test from 'ava';
import { decodeSubscription, encodeSubscription } from '../../impl/coordinator/consumer-protocol.ts';
import { heldIn, stickyFields } from './sticky-subscription.ts';

const hex = (bytes: Uint8Array | null) => Buffer.from(bytes ?? []).toString('hex');

test('AS-5 the eager sticky assignor user data is the bytes Kafka 4.4 StickyAssignor.subscriptionUserData writes', (t) => {
  const fields = stickyFields('sticky', { owned: [{ topic: 't', partitions: [0] }], generation: 5 });
  // Measured with kafka-clients 4.4.0: onAssignment([t-0], generation 5), then subscriptionUserData.
  t.is(hex(fields.userData ?? null), '00000001000174000000010000000000000005');
  t.is(fields.generationId, 5);
  t.deepEqual(fields.ownedPartitions, []);
});

test('AS-5 what a member holds round-trips through its subscription, for each sticky assignor', (t) => {
  const held = { owned: [{ topic: 't', partitions: [0, 2] }], generation: 3 };
  for (const protocol of ['sticky', 'cooperative-sticky']) {
    const bytes = encodeSubscription({ topics: ['t'], ...stickyFields(protocol, held) });
    t.deepEqual(heldIn(protocol, decodeSubscription(bytes)), held, protocol);
  }
});

test('GC-15 a range member sends its topics only; a sticky one before any assignment sends no user data', (t) => {
  const nothing = { owned: [], generation: -1 };
  const range = decodeSubscription(encodeSubscription({ topics: ['t'], ...stickyFields('range', nothing) }));
  t.deepEqual(heldIn('range', range), nothing);
  t.is(range.userData, null);
  const sticky = decodeSubscription(
    encodeSubscription({ topics: ['t'], ...stickyFields('sticky', nothing) }),
  );
  t.is(sticky.userData, null);
  t.deepEqual(heldIn('sticky', sticky), nothing);
});
