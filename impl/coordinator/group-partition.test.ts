import test from 'ava';
import * as contract from '../../spec/java-hash.ts';
import { offsetsPartitionFor } from './group-partition.ts';

test("AS-8 the coordinator places groups with the contract's offsetsPartitionFor, not a copy", (t) => {
  t.is(offsetsPartitionFor, contract.offsetsPartitionFor);
  t.is(offsetsPartitionFor('polygenelubricants', 50), 0);
});
