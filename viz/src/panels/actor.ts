/**
 * The "Actor" panel: the selected actor's role and markers, every measure of the analysis, its
 * attributes (as text), and its partners grouped by role — each a button that selects that
 * partner and moves the camera to it. "Ego network" shows only the actor and its partners within
 * 1 or 2 steps (the camera frames them).
 */
import { HELIX_ROLES, type HelixRole } from 'helixlab';
import { append, h, replace } from '../dom.js';
import { selectActor, setEgo } from '../actions.js';
import { MEASURES, fmt } from '../model/measures.js';
import { HELIX_COLORS, HELIX_LABELS, helixColor, textOn } from '../model/palette.js';
import { app, bus } from '../state.js';
import { S, lang } from '../strings.js';

/** The markers of an actor, as words ("gatekeeper broker · lock-in hot spot"). */
export function markerWords(id: string): string {
  const c = app.cur;
  if (!c) return '';
  const marks: string[] = [];
  if (c.markers.gatekeepers.has(id)) marks.push(S.panels.gatekeeper);
  if (c.markers.liaisons.has(id)) marks.push(S.panels.liaison);
  if (c.markers.hotSpots.has(id)) marks.push(S.panels.hotSpot);
  return marks.join(' · ');
}

export function createActorPanel(): HTMLElement {
  const panel = h('section', { class: 'panel', attrs: { 'data-testid': 'actor', 'aria-labelledby': 'actor-h', 'aria-live': 'polite' } });
  const render = () => {
    const c = app.cur;
    const id = c?.view.state.selected ?? null;
    if (!c || !id || !c.display.hasNode(id)) {
      replace(panel, h('h2', { id: 'actor-h' }, S.actor.title), h('p', { class: 'muted' }, S.actor.hint));
      return;
    }
    const attrs = c.display.getNodeAttributes(id);
    const role = String(attrs.helix) as HelixRole;
    const label = typeof attrs.label === 'string' ? attrs.label : id;
    const node = c.analysis?.nodes.find((n) => n.id === id);
    const kv = h('dl', { class: 'kv', attrs: { 'data-testid': 'actor-measures' } });
    if (node) {
      for (const m of MEASURES) append(kv, h('dt', { title: m.help }, m.label), h('dd', { dataset: { measure: m.key } }, fmt(m.get(node))));
      const b = node.brokerage;
      if (b) {
        const roles = (['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison'] as const)
          .filter((r) => (b[r] ?? 0) > 0)
          .map((r) => `${S.brokerageRoles[r] ?? r} ${fmt(b[r] ?? 0)}`)
          .join(', ');
        append(kv, h('dt', {}, S.actor.brokerageRoles), h('dd', {}, roles || S.actor.none));
      }
      if (node.community !== undefined && node.community !== null)
        append(kv, h('dt', {}, S.actor.community), h('dd', {}, String(node.community)));
    } else {
      append(
        kv,
        h('dt', {}, S.actor.degree),
        h('dd', { dataset: { measure: 'degree' } }, fmt(c.display.degree(id))),
        h('dt', {}, S.actor.measures),
        h('dd', { class: 'muted' }, S.actor.analysing),
      );
    }
    const attrList = h('dl', { class: 'kv', attrs: { 'data-testid': 'actor-attributes' } });
    append(attrList, h('dt', {}, S.panels.idLabel), h('dd', {}, id));
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'x' || k === 'y' || k === 'label' || k === 'helix' || v === undefined || v === null) continue;
      append(attrList, h('dt', {}, k), h('dd', {}, String(v)));
    }
    const byRole = new Map<string, Array<{ id: string; label: string; w: number }>>();
    c.display.forEachNeighbor(id, (nid, na) => {
      const e = c.display.edge(id, nid);
      const w = e === undefined ? 1 : c.display.getEdgeAttribute(e, 'weight');
      const r = String(na.helix);
      const list = byRole.get(r) ?? [];
      list.push({ id: nid, label: typeof na.label === 'string' ? na.label : nid, w });
      byRole.set(r, list);
    });
    const neigh = h('div', { class: 'neighbours', attrs: { 'data-testid': 'actor-neighbours' } });
    for (const r of HELIX_ROLES) {
      const list = byRole.get(r);
      if (!list) continue;
      list.sort((a, b) => b.w - a.w || a.label.localeCompare(b.label, lang()));
      append(
        neigh,
        h(
          'h3',
          {},
          h('span', { class: 'badge role', style: `background:${HELIX_COLORS[r]};color:${textOn(HELIX_COLORS[r])}` }, HELIX_LABELS[r]),
          ` ${fmt(list.length)}`,
        ),
        ...list.slice(0, 30).map((n) =>
          h(
            'div',
            {},
            h(
              'button',
              {
                class: 'link',
                attrs: { 'data-testid': 'partner-link', 'data-id': n.id },
                onclick: () => selectActor(n.id, { focus: true }),
              },
              n.label,
            ),
            h('span', { class: 'muted' }, n.w !== 1 ? S.actor.weight(fmt(n.w)) : ''),
          ),
        ),
        list.length > 30 ? h('div', { class: 'muted' }, S.actor.more(list.length - 30)) : null,
      );
    }
    if (byRole.size === 0) append(neigh, h('p', { class: 'muted' }, S.actor.isolate));
    const egoDepth = c.filters.ego?.node === id ? c.filters.ego.depth : 0;
    const egoBtn = (d: 0 | 1 | 2, text: string) =>
      h(
        'button',
        {
          class: egoDepth === d ? 'primary' : '',
          attrs: { 'data-testid': `ego-${d}`, 'aria-pressed': String(egoDepth === d) },
          onclick: () => setEgo(d),
        },
        text,
      );
    const marks = markerWords(id);
    replace(
      panel,
      h('h2', { id: 'actor-h' }, S.actor.title),
      h('p', { class: 'actor-title', attrs: { 'data-testid': 'actor-label' } }, label),
      h(
        'p',
        {},
        h(
          'span',
          { class: 'badge role', style: `background:${helixColor(role)};color:${textOn(helixColor(role))}` },
          HELIX_LABELS[role] ?? role,
        ),
        marks ? h('span', { class: 'muted' }, `  ${marks}`) : null,
      ),
      h(
        'div',
        { class: 'row', style: 'margin:8px 0', attrs: { role: 'group', 'aria-label': S.actor.ego } },
        h('span', { class: 'muted' }, S.actor.ego),
        egoBtn(0, S.actor.egoOff),
        egoBtn(1, S.actor.ego1),
        egoBtn(2, S.actor.ego2),
      ),
      h('h3', {}, S.actor.measures),
      kv,
      h('h3', {}, S.actor.attributes),
      attrList,
      h('h3', { attrs: { 'data-testid': 'actor-partners' } }, S.actor.partners(c.display.degree(id))),
      neigh,
    );
  };
  bus.on('network', render);
  bus.on('selection', render);
  bus.on('analysis', render);
  bus.on('filters', render);
  bus.on('lang', render);
  render();
  return panel;
}
