// The controller: metadata, placement, election, liveness.
export * from './controller.ts';
export * from './election.ts';
export * from './metadata.ts';
export * from './placement.ts';
