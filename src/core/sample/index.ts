// Public API of the deterministic sample-event generator.
export { generateSampleEventLines } from './generator';
export { DEFAULT_SAMPLE_OPTIONS, SAMPLE_GENERATOR_VERSION, resolveSampleOptions, sampleCacheKey, type SampleOptions } from './options';
export { writeSampleEvents, type SampleProgress } from './writer';
