/**
 * HelixLab library API. The CLI and the browser app are thin layers over these exports.
 */
export * from './model/index.js';
export * from './io/index.js';
export * from './io/node.js';
export * from './metrics/index.js';
export * from './scenario/index.js';
export * from './batch/index.js';
export { Rng, createRng, hashString } from './util/rng.js';
export { writeFileAtomic } from './util/atomic.js';
export * from './report/index.js';
export * from './metrics/betweenness-parallel.js';
