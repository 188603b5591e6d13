/**
 * The actor table under the map: every actor with its role, sector, attributes, markers and every
 * measure; sortable (click a heading; again for the other direction), filterable (text, and "only
 * actors shown on the map"), linked both ways with the map (a row selects the actor and moves the
 * camera to it; an actor selected on the map is highlighted and scrolled to), and exported as CSV
 * (`model/table.ts`, the library's CSV writer: UTF-8 with BOM; the "Export CSV" button writes the
 * language's dialect — for Excel in Finnish (`;`, decimal comma) when the app is in Finnish — and
 * the Export menu offers both). Headings, role names and numbers follow a language switch; the sort,
 * the filter and the scroll position stay.
 *
 * Only the rows in view are in the DOM (fixed row height, spacer rows above and below), so 10,000
 * actors scroll smoothly; `aria-rowcount` / `aria-rowindex` tell assistive technology the real
 * size. Keyboard: the table body takes focus; ↑ ↓ PageUp PageDown Home End move, Enter or Space
 * shows the actor on the map.
 */
import { download, h, replace } from '../dom.js';
import { selectActor } from '../actions.js';
import { markerWords } from './actor.js';
import { fmt } from '../model/measures.js';
import { actorRows, filterRows, sortRows, tableColumns, toCsv, type ActorRow, type Column, type CsvDialect } from '../model/table.js';
import { app, bus } from '../state.js';
import { S, lang } from '../strings.js';

const ROW_H = 26;

export interface TablePanel {
  panel: HTMLElement;
  /** The table as CSV (current sort and filter), for the export menu. */
  csv(dialect?: CsvDialect): string;
}

export function createTablePanel(onClose: () => void): TablePanel {
  let columns: Column[] = [];
  let all: ActorRow[] = [];
  let rows: ActorRow[] = [];
  let sortKey = 'label';
  let sortDir: 'asc' | 'desc' = 'asc';
  let active = 0;

  const filterInput = h('input', {
    type: 'search',
    attrs: { placeholder: () => S.table.filterPlaceholder, 'aria-label': () => S.table.filter, 'data-testid': 'table-filter' },
  });
  const onlyShown = h('input', { type: 'checkbox', attrs: { 'data-testid': 'table-only-shown' } });
  onlyShown.checked = true;
  const count = h('span', { class: 'muted small', attrs: { 'data-testid': 'table-count', 'aria-live': 'polite' } });
  const exportBtn = h('button', { title: () => S.table.exportCsvTitle, attrs: { 'data-testid': 'table-export' } }, () => S.table.exportCsv);
  const closeBtn = h(
    'button',
    {
      class: 'close',
      title: () => S.table.close,
      attrs: { 'aria-label': () => S.table.close, 'data-testid': 'table-close' },
      onclick: onClose,
    },
    '×',
  );
  const thead = h('thead');
  const tbody = h('tbody', { attrs: { 'data-testid': 'table-body' } });
  const table = h(
    'table',
    {
      class: 'actor-table',
      attrs: {
        'data-testid': 'actor-table',
        role: 'grid',
        tabindex: '0',
        'aria-label': () => S.table.title,
        'aria-describedby': 'table-hint',
      },
    },
    thead,
    tbody,
  );
  const scroller = h('div', { class: 'table-scroll' }, table);

  const cell = (r: ActorRow, col: Column): string => {
    const v = r.cells[col.key] ?? null;
    if (v === null) return '';
    return typeof v === 'number' ? fmt(v) : v;
  };

  const renderHead = () => {
    replace(
      thead,
      h(
        'tr',
        { attrs: { 'aria-rowindex': '1' } },
        ...columns.map((col) => {
          const sorted = col.key === sortKey;
          const th = h(
            'th',
            {
              class: col.kind === 'number' ? 'n' : '',
              attrs: { scope: 'col', 'aria-sort': sorted ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none' },
            },
            h(
              'button',
              { class: 'sort', title: col.help ?? '', attrs: { 'data-key': col.key }, onclick: () => sortBy(col.key) },
              col.label,
              sorted ? (sortDir === 'asc' ? ' ▲' : ' ▼') : '',
            ),
          );
          return th;
        }),
      ),
    );
  };

  const renderRows = () => {
    const top = scroller.scrollTop;
    const height = scroller.clientHeight || 300;
    const first = Math.max(0, Math.floor(top / ROW_H) - 5);
    const last = Math.min(rows.length, Math.ceil((top + height) / ROW_H) + 5);
    const selected = app.cur?.view.state.selected ?? null;
    const spacer = (px: number) =>
      h(
        'tr',
        { class: 'spacer', attrs: { 'aria-hidden': 'true' } },
        h('td', { attrs: { colspan: String(columns.length) }, style: `height:${px}px` }),
      );
    const out: HTMLElement[] = [];
    if (first > 0) out.push(spacer(first * ROW_H));
    for (let i = first; i < last; i++) {
      const r = rows[i]!; // i < rows.length
      const tr = h(
        'tr',
        {
          class: `${r.id === selected ? 'selected' : ''}${i === active ? ' active' : ''}`,
          attrs: { 'aria-rowindex': String(i + 2), 'aria-selected': String(r.id === selected), 'data-id': r.id, id: `row-${i}` },
          onclick: () => {
            active = i;
            choose(r.id);
          },
        },
        ...columns.map((col) =>
          h('td', { class: col.kind === 'number' ? 'n' : '', title: col.key === 'label' ? cell(r, col) : '' }, cell(r, col)),
        ),
      );
      out.push(tr);
    }
    if (last < rows.length) out.push(spacer((rows.length - last) * ROW_H));
    replace(tbody, ...out);
    if (rows.length > 0 && first <= active && active < last) table.setAttribute('aria-activedescendant', `row-${active}`);
    else table.removeAttribute('aria-activedescendant');
  };

  const refilter = () => {
    const c = app.cur;
    rows = c
      ? sortRows(
          filterRows(all, filterInput.value, onlyShown.checked && c.visible.size !== c.display.order ? c.visible : null),
          sortKey,
          sortDir,
        )
      : [];
    active = Math.min(active, Math.max(0, rows.length - 1));
    table.setAttribute('aria-rowcount', String(rows.length + 1));
    count.textContent = S.table.rows(fmt(rows.length), fmt(all.length));
    renderRows();
  };

  const rebuild = () => {
    const c = app.cur;
    if (!c) {
      columns = [];
      all = [];
      refilter();
      renderHead();
      return;
    }
    columns = tableColumns(c.attributes, !!c.analysis);
    all = actorRows(c.display, c.attributes, c.analysis?.nodes ?? null, markerWords);
    if (!columns.some((col) => col.key === sortKey)) sortKey = 'label';
    renderHead();
    refilter();
  };

  const sortBy = (key: string) => {
    if (key === sortKey) sortDir = sortDir === 'asc' ? 'desc' : 'asc';
    else {
      sortKey = key;
      sortDir = columns.find((col) => col.key === key)?.kind === 'number' ? 'desc' : 'asc';
    }
    renderHead();
    refilter();
  };

  const choose = (id: string) => selectActor(id, { focus: true });

  const scrollTo = (i: number) => {
    const top = i * ROW_H;
    const head = thead.getBoundingClientRect().height || ROW_H;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_H > scroller.scrollTop + scroller.clientHeight - head)
      scroller.scrollTop = top + ROW_H - scroller.clientHeight + head;
  };

  table.addEventListener('keydown', (ev) => {
    if (ev.target !== table) return; // keys in the heading buttons stay theirs
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor(scroller.clientHeight / ROW_H) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (ev.key in moves) active = Math.max(0, Math.min(rows.length - 1, active + moves[ev.key]!));
    else if (ev.key === 'Home') active = 0;
    else if (ev.key === 'End') active = rows.length - 1;
    else if (ev.key === 'Enter' || ev.key === ' ') {
      const r = rows[active];
      if (r) choose(r.id);
    } else return;
    ev.preventDefault();
    scrollTo(active);
    renderRows();
  });
  scroller.addEventListener('scroll', () => renderRows(), { passive: true });
  filterInput.addEventListener('input', refilter);
  onlyShown.addEventListener('change', refilter);
  /** The table as CSV (current sort and filter); the dialect follows the language unless given. */
  const csv = (dialect: CsvDialect = lang() === 'fi' ? 'excel-fi' : 'rfc4180') => {
    if (stale) {
      stale = false;
      rebuild();
    }
    return toCsv(columns, rows, dialect);
  };
  exportBtn.addEventListener('click', () => {
    const c = app.cur;
    if (!c) return;
    download(
      `${
        c.label
          .replace(/\.[a-z]+$/i, '')
          .replace(/[^\p{L}\p{N}]+/gu, '-')
          .toLowerCase() || 'network'
      }-actors.csv`,
      new Blob([csv()], { type: 'text/csv;charset=utf-8' }),
    );
  });

  // Built only while open (10,000 rows cost a little): a change while closed marks it stale.
  let stale = true;
  const open = () => !!app.cur?.tableOpen;
  const rebuildIfOpen = () => {
    stale = true;
    if (open()) {
      stale = false;
      rebuild();
    }
  };
  bus.on('network', rebuildIfOpen);
  bus.on('analysis', rebuildIfOpen);
  bus.on('lang', rebuildIfOpen); // headings, role names and number formats
  bus.on('table', () => {
    if (open() && stale) rebuildIfOpen();
  });
  bus.on('filters', () => {
    if (open()) refilter();
  });
  bus.on('selection', () => {
    const sel = app.cur?.view.state.selected;
    const i = sel ? rows.findIndex((r) => r.id === sel) : -1;
    if (i >= 0) {
      active = i;
      scrollTo(i);
    }
    renderRows();
  });
  const panel = h(
    'section',
    { class: 'table-panel', attrs: { 'data-testid': 'table-panel', 'aria-labelledby': 'table-h' } },
    h(
      'div',
      { class: 'table-bar' },
      h('h2', { id: 'table-h' }, () => S.table.title),
      count,
      filterInput,
      h(
        'label',
        { class: 'row check' },
        onlyShown,
        h('span', {}, () => S.table.onlyShown),
      ),
      h('span', { class: 'spacer' }),
      exportBtn,
      closeBtn,
    ),
    h('p', { id: 'table-hint', class: 'sr-only' }, () => S.table.sortHint),
    scroller,
  );
  // Rows in view depend on the scroller's height: render again when it changes (opening the table).
  new ResizeObserver(() => renderRows()).observe(scroller);
  return { panel, csv };
}
