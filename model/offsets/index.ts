// The offset-commit model's public surface.
export {
  type CommitModelEvent,
  type CommitModelOptions,
  type CommitModelState,
  commitModel,
  committedOffset,
  noCommittedRecordLost,
} from './commit-model.ts';
export {
  javaStringHashCode,
  kafkaUtilsAbs,
  offsetsPartitionFor,
  offsetsPartitionForConfig,
  offsetsTopicShape,
} from './partition-for.ts';
export { expireOffsets, handleCommit, handleOffsetFetch } from './store.ts';
export { type CommitIdentity, missingGroupCommitError, validateOffsetCommit } from './validate.ts';
