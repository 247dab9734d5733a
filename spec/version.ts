/** The contract version: bumped when an event, observation or interface changes incompatibly. */
export const CONTRACT_VERSION = 1;
