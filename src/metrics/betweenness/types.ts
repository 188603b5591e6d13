/**
 * Types shared by the betweenness modules: the public options, how targets are chosen, and the
 * shape of a block of sources' results.
 */
export type DistanceMode = 'hops' | 'inverse-weight';

export interface BetweennessOptions {
  /** 'hops' (default) or 'inverse-weight' (tie length 1/weight). */
  distance?: DistanceMode;
  /** Default true (NetworkX `normalized=True`). */
  normalized?: boolean;
  /** Number of pivot sources K for the sampled estimate; omitted or ≥ n means exact. */
  approx?: number;
  /** Seed for the pivot sample (default 0). */
  seed?: number | string;
  /** Merge structurally equivalent sources in exact hop-count runs (default true; same numbers, faster). */
  twins?: boolean;
}

/** How targets are chosen for one accumulation run. */
export type TargetMode = { kind: 'all' } | { kind: 'mask'; mask: Uint8Array } | { kind: 'cross'; groups: Int32Array };

/** Per-block results: raw dependency sums, plus closeness pieces when asked. */
export interface BlockResult {
  /** Raw (unscaled) dependency sums of the block's sources, length n. */
  bc: Float64Array;
  /** Raw cross-group dependency sums (with `alsoCross`). */
  bc2?: Float64Array;
  /** Sum of distances and number of reached nodes per source of the block (for exact closeness). */
  srcDistSum?: Float64Array;
  srcReached?: Float64Array;
  /** Per node: sum of distances from the block's sources that reach it, and how many do (approximate closeness). */
  nodeDistSum?: Float64Array;
  nodeReached?: Float64Array;
}

export interface BlockOptions {
  distance: DistanceMode;
  targets: TargetMode;
  /** Record per-source distance sums (exact closeness). */
  perSource?: boolean;
  /** Record per-node distance sums from the sources (pivot-estimated closeness). */
  perNode?: boolean;
  /** Per source position: how many structurally equivalent sources it stands for (twin classes). */
  mult?: Float64Array;
  /**
   * With `targets: all`: also accumulate the cross-group dependencies (targets in another group than the
   * source) into `bc2`, in the same searches.
   */
  alsoCross?: Int32Array;
}
