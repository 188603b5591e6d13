/**
 * The filtered network, for "export filtered network as GEXF / JSON": the actors shown, the ties
 * among them (present in the chosen year, when one is chosen), and the activities restricted to
 * the actors shown (an activity left with no participant is dropped). Projected ties are rebuilt
 * from the kept activities by the writers' round trip, so nothing is counted twice. The profile,
 * name and source are kept; the description says that the network was filtered.
 */
import { emptyGraph, type Network } from 'helixlab';
import { edgeInYear } from './viewstate.js';

export function filteredNetwork(net: Network, visible: ReadonlySet<string>, year: number | null, note?: string): Network {
  const graph = emptyGraph();
  net.graph.forEachNode((id, attrs) => {
    if (visible.has(id)) graph.addNode(id, { ...attrs });
  });
  net.graph.forEachEdge((_e, attrs, s, t) => {
    if (!visible.has(s) || !visible.has(t)) return;
    if (!edgeInYear(attrs, year)) return;
    graph.addEdge(s, t, { ...attrs });
  });
  const activities = net.activities
    .map((a) => ({ ...a, participants: a.participants.filter((p) => visible.has(p)) }))
    .filter((a) => a.participants.length > 0);
  const out: Network = { graph, activities };
  if (net.name !== undefined) out.name = net.name;
  if (net.source !== undefined) out.source = net.source;
  if (net.profile !== undefined) out.profile = net.profile;
  const desc = [net.description, note].filter((s): s is string => !!s).join(' — ');
  if (desc) out.description = desc;
  return out;
}
