/**
 * Disjoint sets over 0..n−1 (union–find with path halving, no ranks): `union(a, b)` hangs a's root
 * under b's, so the roots — and anything numbered by them — depend only on the order of the unions.
 * Used for connected components of networks read whole and read in a stream.
 */
export class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  /** The root of x's set. */
  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  }
  /** Join the sets of a and b (a's root goes under b's). */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}
