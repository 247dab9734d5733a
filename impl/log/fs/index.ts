// File systems for the log: the interface, the real one, and the fault-injecting simulated one.
export * from './file-system.ts';
export * from './random.ts';
export * from './real.ts';
export * from './simulated.ts';
