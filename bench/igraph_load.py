#!/usr/bin/python3
"""Load a HelixLab CSV pair (nodes.csv, edges.csv) with python-igraph, for the memory comparison of
bench/memory.mjs: vertices with their helix role, edges with their weights (parallel ties kept,
like HelixLab's multigraph before merging), then the simple graph with summed weights (like
HelixLab's analysis graph). Prints the counts; the caller measures the peak RSS.

    /usr/bin/python3 bench/igraph_load.py DIR
"""
import csv
import sys

import igraph

d = sys.argv[1]
names = []
helix = []
index = {}
with open(f"{d}/nodes.csv", newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    header = next(r)
    k_id, k_helix = header.index("id"), header.index("helix")
    for row in r:
        index[row[k_id]] = len(names)
        names.append(row[k_id])
        helix.append(row[k_helix])
edges = []
weights = []
with open(f"{d}/edges.csv", newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    header = next(r)
    k_s, k_t, k_w = header.index("source"), header.index("target"), header.index("weight")
    for row in r:
        edges.append((index[row[k_s]], index[row[k_t]]))
        weights.append(float(row[k_w]) if row[k_w] else 1.0)
g = igraph.Graph(n=len(names), edges=edges, edge_attrs={"weight": weights}, vertex_attrs={"name": names, "helix": helix})
del edges, weights
g.simplify(combine_edges={"weight": "sum"})
print(f"{g.vcount()} vertices, {g.ecount()} edges (simple graph)")
