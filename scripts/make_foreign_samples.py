#!/usr/bin/env python3
"""Write data/foreign/: the tiny example (data/tiny.json) as other tools write graph files, with
NetworkX 3.x, for the README's examples of reading them (helixlab info / convert):

  tiny.gml           NetworkX write_gml: nodes named by their labels, the role in the attribute 'helix', directed
  tiny.net           NetworkX write_pajek: labels only (the roles come from a map of the labels)
  tiny-edges.txt     NetworkX write_weighted_edgelist: 'source target weight', no roles at all
  tiny-coded.graphml NetworkX write_graphml: the role as a code in 'type' (IND, RDI, PUB, ...)
  tiny-roles.csv     a map file (value,role) of the Pajek labels, some values quoted for their commas

Run from the repository root:  python3 scripts/make_foreign_samples.py   (the output is committed;
the tests and the CLI do not run Python).
"""
import csv
import io
import json
import os

import networkx as nx

ROOT = os.path.join(os.path.dirname(__file__), '..')
OUT = os.path.join(ROOT, 'data', 'foreign')
CODES = {'industry': 'IND', 'research-education': 'RDI', 'public': 'PUB', 'civil-society': 'NGO',
         'startup': 'STA', 'financier': 'FIN', 'individual': 'PER'}


def main():
    doc = json.load(open(os.path.join(ROOT, 'data', 'tiny.json'), encoding='utf-8'))
    os.makedirs(OUT, exist_ok=True)
    label = {a['id']: a['label'] for a in doc['actors']}
    d = nx.DiGraph(name=doc['name'])
    for a in doc['actors']:
        d.add_node(a['label'], helix=a['helix'])
    for t in doc['ties']:
        d.add_edge(label[t['source']], label[t['target']], weight=float(t.get('weight', 1)))
    nx.write_gml(d, os.path.join(OUT, 'tiny.gml'))

    p = nx.Graph()
    for a in doc['actors']:
        p.add_node(a['label'])
    for t in doc['ties']:
        p.add_edge(label[t['source']], label[t['target']], weight=float(t.get('weight', 1)))
    nx.write_pajek(p, os.path.join(OUT, 'tiny.net'))

    e = nx.Graph()
    for t in doc['ties']:
        e.add_edge(t['source'], t['target'], weight=float(t.get('weight', 1)))
    nx.write_weighted_edgelist(e, os.path.join(OUT, 'tiny-edges.txt'))

    c = nx.Graph()
    for a in doc['actors']:
        c.add_node(a['id'], name=a['label'], type=CODES[a['helix']])
    for t in doc['ties']:
        c.add_edge(t['source'], t['target'], weight=float(t.get('weight', 1)))
    nx.write_graphml(c, os.path.join(OUT, 'tiny-coded.graphml'))

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(['value', 'role'])
    for a in doc['actors']:
        w.writerow([a['label'], a['helix']])
    with open(os.path.join(OUT, 'tiny-roles.csv'), 'w', encoding='utf-8', newline='') as f:
        f.write(buf.getvalue())


if __name__ == '__main__':
    main()
