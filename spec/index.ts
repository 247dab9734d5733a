// The contract: the vocabulary the model, the reference implementation, the checker and any
// foreign implementation share. See spec/README.md.
export * from './common.ts';
export * from './config.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './observations.ts';
export * from './state.ts';
export * from './sut.ts';
export * from './validate.ts';
export * from './version.ts';
