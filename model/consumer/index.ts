export * from './consumer.ts';
export * from './settings.ts';
