import test from 'ava';
import { KafkaClusterError } from './cluster-error.ts';
import { faultKind, UNSUPPORTED_KINDS } from './faults.ts';

test("fault kinds: the adapter's names map, kinds a launcher cannot cause are refused with the reason", (t) => {
  t.is(faultKind('process-crash'), 'crash');
  t.is(faultKind('disk-loss'), 'disk-loss');
  for (const kind of Object.keys(UNSUPPORTED_KINDS))
    t.throws(() => faultKind(kind), { instanceOf: KafkaClusterError, message: UNSUPPORTED_KINDS[kind] });
  t.throws(() => faultKind('explode'), { instanceOf: KafkaClusterError, message: /unknown fault 'explode'/ });
});
