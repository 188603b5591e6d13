/**
 * The samples module: making synthetic cluster networks is a tool, not part of the model.
 * `generateCluster` builds a seeded, synthetic HelixLab document from a small `GeneratorSpec`
 * (`validateGeneratorSpec` checks one), and `SAMPLE_CASES` holds the specs of the four bundled sample
 * clusters in `data/`, reconstructed from the cluster development cookbook (`scripts/make-samples.mjs`
 * writes them). See `docs/generator.md`.
 *
 * Browser-safe: no Node imports.
 */
export * from './generate.js';
export * from './cases.js';
