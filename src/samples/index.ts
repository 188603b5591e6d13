/**
 * The samples module: making synthetic cluster networks is a tool, not part of the model.
 *
 * - `generateCluster(spec)` builds a seeded, synthetic HelixLab document from a small
 *   {@link GeneratorSpec} (`validateGeneratorSpec` checks one): actors typed by helix role, their
 *   sections, projects and events, direct ties and the organisation profile. The spec types and
 *   the check are in `spec.ts`, the steps in `actors.ts`, `activities.ts` and `ties.ts`, the
 *   seeded drawing helpers in `draw.ts`, and `generate.ts` runs the steps in order.
 * - `SAMPLE_CASES` (`cases.ts`) holds the specs of the four bundled sample clusters in `data/`,
 *   reconstructed from the cluster development cookbook (`scripts/make-samples.mjs` writes them).
 *
 * Nothing else in `src/` imports this module (it may import the model and `util/rng`).
 * See `docs/generator.md`. Browser-safe: no Node imports.
 */
export type {
  DirectTieSpec,
  EventSpec,
  GeneratorSpec,
  GroupSpec,
  HostSpec,
  KeyActorSpec,
  NamedActivitySpec,
  PerYear,
  ProjectSpec,
  SectionMeetingSpec,
  SectionSpec,
} from './spec.js';
export { validateGeneratorSpec } from './spec.js';
export { generateCluster } from './generate.js';
export { ROLE_ID_PREFIX } from './actors.js';
export { activitiesPerYear } from './activities.js';
export { apportion, groupSizes, joinSlots } from './draw.js';
export {
  ASSUMED_EUR_PER_FTE,
  SAMPLE_CASES,
  circularEconomyHelsinki,
  constructionPsrk,
  eventIndustryEventcoast,
  securityPirkanmaa,
} from './cases.js';
