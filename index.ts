// kspec's package root: the contract (spec/) for anyone writing an adapter or reading traces.
// Model and implementation entry points are added here as they become public API.

export * from './model/index.ts';
export * from './spec/index.ts';
