/**
 * Moves focus among a menu's items as the WAI-ARIA menu pattern has it: ↓ and ↑ (round the ends; ↑ from the menu
 * itself to the last), Home/PageUp and End/PageDown, and a letter to the next item whose words start with it. Shared by
 * the row menus and the account menu; what Escape, Tab and a choice do is theirs. True when the key was one of these.
 */
export function moveInMenu(menu: HTMLElement, e: KeyboardEvent): boolean {
  const list = [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  if (list.length === 0) return false;
  const at = list.indexOf(document.activeElement as HTMLElement);
  let next: number | null;
  if (e.key === 'ArrowDown') next = (at + 1) % list.length;
  else if (e.key === 'ArrowUp') next = at <= 0 ? list.length - 1 : at - 1;
  else if (e.key === 'Home' || e.key === 'PageUp') next = 0;
  else if (e.key === 'End' || e.key === 'PageDown') next = list.length - 1;
  else if (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey) next = byLetter(list, at, e.key);
  else return false;
  e.preventDefault();
  if (next !== null) list[next]?.focus();
  return true;
}

/** The next item after `from` whose words start with `letter`, round the end. */
function byLetter(list: HTMLElement[], from: number, letter: string): number | null {
  const wanted = letter.toLocaleLowerCase();
  for (let step = 1; step <= list.length; step++) {
    const i = (from + step) % list.length;
    if (list[i]!.textContent?.trim().toLocaleLowerCase().startsWith(wanted)) return i;
  }
  return null;
}
