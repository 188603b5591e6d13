export * from './types.js';
export * from './errors.js';
export * from './network.js';
export * from './summary.js';
export * from './schema.js';
