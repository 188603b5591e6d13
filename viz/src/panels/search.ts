/**
 * The "Search" panel: suggestions as you type (accent- and case-insensitive; label prefix, then
 * word prefix, then substring; better-connected first), ↑ ↓ Enter to choose; the chosen actor is
 * selected and the camera centres it and zooms to its partners. The box and its list follow the
 * ARIA combobox pattern.
 */
import { h, replace, uid } from '../dom.js';
import { selectActor } from '../actions.js';
import { fmt } from '../model/measures.js';
import { helixColor } from '../model/palette.js';
import { suggest } from '../model/search.js';
import { app, bus } from '../state.js';
import { S } from '../strings.js';

export function createSearchPanel(): HTMLElement {
  const listId = uid('search-list');
  const input = h('input', {
    type: 'search',
    class: 'full',
    attrs: {
      placeholder: () => S.panels.searchPlaceholder,
      'data-testid': 'search',
      autocomplete: 'off',
      role: 'combobox',
      'aria-label': () => S.panels.searchLabel,
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
    },
  });
  const list = h('ul', {
    id: listId,
    attrs: { 'data-testid': 'search-suggestions', role: 'listbox', 'aria-label': () => S.panels.searchLabel },
  });
  list.hidden = true;
  let active = -1;
  const show = (on: boolean) => {
    list.hidden = !on;
    input.setAttribute('aria-expanded', String(on));
    if (!on) input.removeAttribute('aria-activedescendant');
  };
  const pick = (id: string) => {
    const c = app.cur;
    if (!c) return;
    show(false);
    const a = c.display.getNodeAttributes(id);
    input.value = typeof a.label === 'string' ? a.label : id;
    selectActor(id, { focus: true });
  };
  const render = () => {
    const c = app.cur;
    if (!c) return;
    const hits = suggest(c.search, input.value, 8);
    active = -1;
    replace(
      list,
      ...hits.map((it, i) =>
        h(
          'li',
          { id: `${listId}-${i}`, role: 'option', dataset: { id: it.id }, attrs: { 'aria-selected': 'false' }, onclick: () => pick(it.id) },
          h('span', { class: 'swatch', style: `background:${helixColor(it.helix)}` }),
          h('span', { class: 'name' }, it.label),
          h('span', { class: 'muted' }, ` ${fmt(it.degree)}`),
        ),
      ),
    );
    show(hits.length > 0);
  };
  input.addEventListener('input', render);
  input.addEventListener('keydown', (ev) => {
    const items = [...list.querySelectorAll('li')];
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (items.length === 0) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items.forEach((li, i) => {
        li.classList.toggle('active', i === active);
        li.setAttribute('aria-selected', String(i === active));
      });
      const cur = items[active];
      if (cur) input.setAttribute('aria-activedescendant', cur.id);
    } else if (ev.key === 'Enter') {
      const li = items[Math.max(0, active)];
      if (li?.dataset.id) pick(li.dataset.id);
    } else if (ev.key === 'Escape') show(false);
  });
  input.addEventListener('blur', () => setTimeout(() => show(false), 150));
  bus.on('network', () => {
    input.value = '';
    show(false);
  });
  return h(
    'section',
    { class: 'panel', attrs: { 'aria-labelledby': 'search-h' } },
    h('h2', { id: 'search-h' }, () => S.panels.search),
    h('div', { class: 'search' }, input, list),
  );
}
