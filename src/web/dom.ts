type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * Builds an element. `on…` keys add listeners, `true` sets an empty attribute, `false`/null skip it.
 * Text always goes in as text nodes: nothing from the API is ever parsed as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false && value != null) el.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** Replaces an element's children, keeping keyboard focus on the element with the same id if it is rebuilt. */
export function replaceChildren(parent: Element, ...children: Node[]): void {
  const focusedId = document.activeElement instanceof HTMLElement && parent.contains(document.activeElement) ? document.activeElement.id : '';
  parent.replaceChildren(...children);
  if (focusedId) document.getElementById(focusedId)?.focus({ preventScroll: true });
}

/**
 * Makes `nodes` the element's children, in order, without touching those already in place: a row that did not
 * change keeps its focus, its text selection, and is not read out again by a screen reader.
 */
export function syncChildren(parent: Element, nodes: readonly Element[]): void {
  nodes.forEach((node, i) => {
    if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] ?? null);
  });
  while (parent.children.length > nodes.length) parent.lastElementChild!.remove();
}

/** The values of a form's named fields. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A stable, id-safe token for an API id. */
export const domId = (prefix: string, id: string) => `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * For a screen about to be built again: which panels (`<details>` with an id) are open, and the forms' menus and ticked
 * boxes, which drafts do not keep (typed text comes back by itself). The function returned sets them again on the new
 * elements of the same ids, with the events the forms listen to: a menu first (a list may follow it), then its boxes.
 */
export function keepOpenAndChosen(root: ParentNode): () => void {
  const open = [...root.querySelectorAll('details[open]')].map((d) => d.id).filter((id) => id !== '');
  const choices = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form select[id], form input[type=checkbox][id]')].map(
    (el) => [el.id, el instanceof HTMLInputElement ? el.checked : el.value] as const,
  );
  return () => {
    for (const id of open) {
      const details = document.getElementById(id);
      if (details instanceof HTMLDetailsElement) details.open = true;
    }
    for (const [id, value] of choices) {
      const el = document.getElementById(id);
      if (el instanceof HTMLSelectElement && el.value !== value && [...el.options].some((o) => o.value === value)) {
        el.value = String(value);
        el.dispatchEvent(new Event('change', { bubbles: true }));
      } else if (el instanceof HTMLInputElement && el.checked !== value && !el.disabled) el.click();
    }
  };
}
