// The deterministic simulation runtime: clock, seeded random, timer scheduler, network.
export * from './clock.ts';
export * from './network.ts';
export * from './random.ts';
export * from './scheduler.ts';
