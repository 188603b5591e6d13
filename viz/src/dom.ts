/**
 * Tiny DOM helpers. Text from files is only ever set through text nodes / `textContent`
 * (never innerHTML): `h('td', {}, label)` is safe whatever `label` holds.
 *
 * Words that follow the language ({@link Txt}): a child, a `title` or an attribute given as a
 * function (`() => S.panels.filters`) is set now and set again by {@link relabel} when the language
 * changes. Elements built once (headings, buttons, tooltips) use these; what a panel renders from
 * the state re-renders on the bus topic `lang` instead. The bindings hold their nodes weakly, so a
 * node that leaves the page is not kept alive by them.
 */
/** A text for people: a string, or a function giving it in the current language (read again by {@link relabel}). */
export type Txt = string | (() => string);
export type Child = Node | string | number | (() => string) | null | undefined | false;

interface Binding {
  ref: WeakRef<Node>;
  apply(node: Node): void;
}
const bindings: Binding[] = [];
let liveAfterPrune = 0;

/** Apply `apply` to the node now and again at every {@link relabel}. */
export function bindText<N extends Node>(node: N, apply: (node: N) => void): N {
  apply(node);
  bindings.push({ ref: new WeakRef(node), apply: apply as (node: Node) => void });
  if (bindings.length > 2 * liveAfterPrune + 1000) prune();
  return node;
}

function prune(): void {
  let w = 0;
  for (const b of bindings) if (b.ref.deref()) bindings[w++] = b;
  bindings.length = w;
  liveAfterPrune = w;
}

/** Set every bound text again (after the language changed). */
export function relabel(): void {
  let w = 0;
  for (const b of bindings) {
    const node = b.ref.deref();
    if (!node) continue;
    b.apply(node);
    bindings[w++] = b;
  }
  bindings.length = w;
  liveAfterPrune = w;
}

/** Set an attribute to a text that follows the language (or to a plain string). */
export function setText(el: Element, attr: string, text: Txt): void {
  if (typeof text === 'string') el.setAttribute(attr, text);
  else bindText(el, (e) => e.setAttribute(attr, text()));
}

export interface Props {
  class?: string;
  id?: string;
  title?: Txt;
  type?: string;
  value?: string;
  for?: string;
  role?: string;
  style?: string;
  dataset?: Record<string, string>;
  attrs?: Record<string, Txt>;
  onclick?: (ev: MouseEvent) => void;
  oninput?: (ev: Event) => void;
  onchange?: (ev: Event) => void;
  onkeydown?: (ev: KeyboardEvent) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.title) setText(el, 'title', props.title);
  if (props.type) el.setAttribute('type', props.type);
  if (props.value !== undefined) (el as HTMLInputElement).value = props.value;
  if (props.for) el.setAttribute('for', props.for);
  if (props.role) el.setAttribute('role', props.role);
  if (props.style) el.setAttribute('style', props.style);
  if (props.dataset) for (const [k, v] of Object.entries(props.dataset)) el.dataset[k] = v;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) setText(el, k, v);
  if (props.onclick) el.addEventListener('click', props.onclick as EventListener);
  if (props.oninput) el.addEventListener('input', props.oninput);
  if (props.onchange) el.addEventListener('change', props.onchange);
  if (props.onkeydown) el.addEventListener('keydown', props.onkeydown as EventListener);
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (typeof c === 'function') {
      const f = c;
      el.appendChild(bindText(document.createTextNode(''), (t) => (t.data = f())));
    } else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function replace(el: Element, ...children: Child[]): void {
  clear(el);
  append(el, ...children);
}

export function $(sel: string, root: ParentNode = document): HTMLElement {
  const el = root.querySelector(sel);
  if (!el) throw new Error(`missing element ${sel}`);
  return el as HTMLElement;
}

/** Download a Blob under a file name. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { attrs: { href: url, download: name } });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let nextId = 0;
/** A fresh element id (for `<label for>` and `aria-*` references). */
export function uid(prefix = 'hl'): string {
  return `${prefix}-${++nextId}`;
}

/**
 * A labelled control: `<div class="field"><label for=…>text</label>[output]control</div>`; the
 * control gets an id, so its accessible name is the label.
 */
export function field(text: Txt, control: HTMLElement, output?: HTMLElement | null, title?: Txt): HTMLElement {
  if (!control.id) control.id = uid();
  const label = h('label', { for: control.id }, text);
  if (title) setText(label, 'title', title);
  return h('div', { class: 'field' }, label, output ?? h('span'), control);
}
