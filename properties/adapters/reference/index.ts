// The reference adapter: the reference cluster (impl/) as a SystemUnderTest, driven in process.
export { createReferenceSystem, defaultTemporaryParent } from './reference-system.ts';
