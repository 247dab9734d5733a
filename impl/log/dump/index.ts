export * from './dump-log.ts';
export * from './dump-segment.ts';
