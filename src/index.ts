/**
 * HelixLab library API, browser-safe entry (`helixlab`): nothing under it imports a Node built-in.
 * The CLI and the browser app are thin layers over these exports. Node-only parts (file access,
 * atomic writes, worker pools, parallel betweenness) are imported from their own modules.
 */
export * from './model/index.js';
export * from './io/index.js';
export * from './metrics/index.js';
export * from './scenario/index.js';
export * from './batch/index.js';
export { Rng, createRng, hashString } from './util/rng.js';
export * from './report/index.js';
