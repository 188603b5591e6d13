/**
 * The lock-in score's components, weights, thresholds, and the shapes of its inputs and result
 * (definitions in `../lockin.ts`).
 */
import type { HelixRole } from '../../model/types.js';

export const LOCKIN_COMPONENTS = ['closure', 'insularity', 'concentration', 'homogeneity', 'brokerDependence', 'renewal'] as const;
export type LockInComponent = (typeof LOCKIN_COMPONENTS)[number];
export type LockInWeights = Record<LockInComponent, number>;
export type LockInLevel = 'low' | 'medium' | 'high';

/** Default weights (argued in docs/lock-in.md); they sum to 1. */
export const DEFAULT_LOCKIN_WEIGHTS: Readonly<LockInWeights> = Object.freeze({
  closure: 0.2,
  insularity: 0.2,
  concentration: 0.15,
  homogeneity: 0.15,
  brokerDependence: 0.15,
  renewal: 0.15,
});

/** Score thresholds: `medium` from 0.35, `high` from 0.55. */
export const LOCKIN_THRESHOLDS = Object.freeze({ medium: 0.35, high: 0.55 });

export interface LockInDetails {
  actors: number;
  ties: number;
  density: number;
  transitivity: number | null;
  internalRoleShare: number | null;
  internalSectorShare: number | null;
  degreeCentralisation: number | null;
  degreeHerfindahl: number | null;
  hub: string | null;
  /** Share of the other actors the hub is tied to (its degree / (n − 1)). */
  hubShare: number | null;
  roleIqv: number | null;
  sectorIqv: number | null;
  dominantRole: HelixRole | null;
  dominantRoleShare: number | null;
  topBroker: string | null;
  topBrokerShare: number | null;
  fragmentationIncrease: number | null;
  youngTieShare: number | null;
  newActorShare: number | null;
  year: number | null;
  renewalWindow: number;
}

export interface LockInResult {
  score: number;
  level: LockInLevel;
  components: Record<LockInComponent, number | null>;
  reasons: string[];
  weights: LockInWeights;
  details: LockInDetails;
}

/** Per-node attributes for {@link lockInFromCsr}, aligned with the CSR's node indices. */
export interface LockInNodeAttrs {
  /** Index into HELIX_ROLES; values ≥ 7 mean unknown. */
  helix: Uint8Array;
  /** Sector code, −1 unknown. */
  sector?: Int32Array;
  /** Year joined, NaN unknown. */
  joined?: Float64Array;
}

export interface LockInCsrOptions {
  /** Reference year for renewal (default: the latest tie or joining year). */
  year?: number;
  /** Year each tie was formed, aligned with `csr.targets` (NaN unknown). */
  tieSince?: Float64Array;
  weights?: Partial<LockInWeights>;
  /** Years within which a tie or an actor counts as new (default 3). */
  renewalWindow?: number;
  /** Share of new ties/actors that counts as fully renewing (default 0.25). */
  renewalTarget?: number;
  /** Names for the reasons, aligned with node indices (default `csr.ids`). */
  labels?: readonly string[];
  /** Write the plain-language reasons (default true; the simulation may skip them). */
  reasons?: boolean;
}
