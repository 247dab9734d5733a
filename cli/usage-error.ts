/** Bad usage or bad input: the CLI prints the message (no stack) and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A peer kspec had to talk to could not be reached, or did not speak the expected protocol (a
 * broker, a control port): the CLI prints the message (no stack) and exits 3, so scripts can tell
 * "the cluster is down" from a mistyped flag (2) and from a finding (1).
 */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}
