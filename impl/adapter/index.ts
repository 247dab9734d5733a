// The in-process adapter: the reference cluster as a SystemUnderTest.
export { createReferenceSystem, type ReferenceSystemOptions } from './reference-system.ts';
