/**
 * Types of graphology-layout-forceatlas2's single-iteration function (untyped CommonJS module):
 * one ForceAtlas2 step over the flat node matrix (10 floats per node: x, y, dx, dy, old dx, old dy,
 * mass, convergence, size, fixed) and edge matrix (3 floats per edge: source offset, target offset,
 * weight), in place.
 */
declare module 'graphology-layout-forceatlas2/iterate.js' {
  interface Fa2IterateSettings {
    linLogMode: boolean;
    outboundAttractionDistribution: boolean;
    adjustSizes: boolean;
    edgeWeightInfluence: number;
    scalingRatio: number;
    strongGravityMode: boolean;
    gravity: number;
    slowDown: number;
    barnesHutOptimize: boolean;
    barnesHutTheta: number;
  }
  const iterate: (settings: Fa2IterateSettings, nodes: Float32Array, edges: Float32Array) => unknown;
  export default iterate;
}
