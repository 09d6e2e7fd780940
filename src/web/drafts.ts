/**
 * Unsent form input, kept in sessionStorage so that nothing typed is lost when the session ends and the
 * person has to go through the Discord login again (a full page round trip), or when the tab reloads.
 */
const PREFIX = 'ffxiv-tracker:draft:';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const isField = (el: unknown): el is Field =>
  el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;

/** Restores the form's saved text fields and saves them again as they change (checkboxes are not drafts). */
export function keepDraft(form: HTMLFormElement, name: string): void {
  const saved = read(name);
  for (const [key, value] of Object.entries(saved)) {
    const el = form.elements.namedItem(key);
    if (isField(el) && el.type !== 'checkbox') el.value = value;
  }
  const save = () => {
    const values: Record<string, string> = {};
    for (const el of form.elements) if (isField(el) && el.name && el.type !== 'checkbox' && el.value !== '') values[el.name] = el.value;
    if (Object.keys(values).length > 0) sessionStorage.setItem(PREFIX + name, JSON.stringify(values));
    else sessionStorage.removeItem(PREFIX + name);
  };
  form.addEventListener('input', save);
  form.addEventListener('change', save);
}

/** Forgets a form's draft once the API accepted it. */
export const clearDraft = (name: string) => sessionStorage.removeItem(PREFIX + name);

/** Forgets every draft (on an explicit log-out: the next person at this tab should not see them). */
export function clearAllDrafts(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}

function read(name: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(PREFIX + name) ?? '{}');
    return typeof v === 'object' && v !== null ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}
