// The reference adapter: the reference cluster (impl/) as a SystemUnderTest, driven in process.
export { createReferenceSystem } from './reference-system.ts';
