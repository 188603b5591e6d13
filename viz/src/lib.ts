/**
 * The library functions the app uses, in one place. The app computes no measure itself: it calls
 * the same code as the CLI (`src/io`, `src/model`, `src/metrics`, `src/scenario`), bundled by Vite.
 */
export { loadNetwork } from '../../src/io/load.js';
export { writeNetworkJson } from '../../src/io/json.js';
export { writeGexf } from '../../src/io/gexf.js';
export type { InputFile, FormatOptions, LoadResult } from '../../src/io/formats.js';
export { InputError, formatDiagnostic, type Diagnostic } from '../../src/model/errors.js';
export { networkFromDocument, networkToDocument } from '../../src/model/network.js';
export { summarizeNetwork, helixCoverage, type HelixCoverage } from '../../src/model/summary.js';
export { HELIX_ROLES, type HelixRole, type Network, type NetworkDocument, type NodeAttributes } from '../../src/model/types.js';
