// The magic-2 record batch codec, shared by the log, the wire protocol and tests.
export * from './build.ts';
export * from './compression.ts';
export * from './decode.ts';
export * from './header.ts';
export * from './int64.ts';
export * from './record.ts';
