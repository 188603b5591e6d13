/**
 * A network (any format the importer reads) as the simulation's starting state ({@link StartState}).
 *
 * Every actor of the network is a starting member. Parallel ties are merged (`toSimpleGraph`: strengths
 * summed) and self-loops dropped; a tie of strength w starts with trust 1 − 0.6^w (each unit of
 * strength — a shared project, a tie record — counts as an independent 40 % step towards full trust;
 * w = 1 gives 0.4, the generator's default). Sectors are numbered in order of first appearance;
 * actors without a sector get −1.
 */
import { toSimpleGraph } from '../model/network.js';
import { HELIX_ROLES, type Network } from '../model/types.js';
import type { StartState } from './schema.js';

export function startStateFromNetwork(net: Network, name = net.name ?? 'network'): StartState {
  const g = toSimpleGraph(net);
  const index = new Map<string, number>();
  const sectors = new Map<string, number>();
  const ids: string[] = [];
  const st: StartState = { name, helix: [], sector: [], sectorNames: [], tieA: [], tieB: [], tieTrust: [], ids };
  g.forEachNode((id, a) => {
    index.set(id, st.helix.length);
    ids.push(id);
    const h = HELIX_ROLES.indexOf(a.helix);
    st.helix.push(h < 0 ? HELIX_ROLES.indexOf('civil-society') : h);
    let sec = -1;
    if (typeof a.sector === 'string' && a.sector !== '') {
      if (!sectors.has(a.sector)) {
        sectors.set(a.sector, sectors.size);
        st.sectorNames.push(a.sector);
      }
      sec = sectors.get(a.sector)!;
    }
    st.sector.push(sec);
  });
  g.forEachEdge((_e, a, s, t) => {
    st.tieA.push(index.get(s)!);
    st.tieB.push(index.get(t)!);
    const w = typeof a.weight === 'number' && a.weight > 0 ? a.weight : 1;
    st.tieTrust.push(1 - Math.pow(0.6, w));
  });
  return st;
}
