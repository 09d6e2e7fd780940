/** Room kept above the tasks, and below them for the message that says they were added (fixed at the bottom). */
const ABOVE = 16;
const BELOW = 80;

/**
 * Brings tasks just added into sight: the checklist may be above the form that added them (on a phone it is) or have
 * grown past the bottom of the window. All of them when they fit, else the first at the top; with `focus`, the
 * keyboard goes to the first one's box. Motion only for those who have not asked for less.
 */
export function showNewTasks(taskIds: readonly string[], focus: boolean): void {
  const wanted = new Set(taskIds);
  const rows = [...document.querySelectorAll<HTMLElement>('[data-task-row]')].filter((row) => wanted.has(row.dataset.taskRow ?? ''));
  const first = rows[0];
  if (!first) return;
  const top = first.getBoundingClientRect().top;
  const bottom = rows.at(-1)!.getBoundingClientRect().bottom;
  const room = innerHeight - ABOVE - BELOW;
  const fits = bottom - top <= room;
  if (top < ABOVE || bottom > innerHeight - BELOW || !fits) {
    const by = fits ? top - ABOVE - (room - (bottom - top)) / 2 : top - ABOVE;
    scrollBy({ top: by, behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }
  if (focus) first.querySelector<HTMLElement>('input[data-task]')?.focus({ preventScroll: true });
}
