/** Within this many pixels of the window's top or bottom edge, a drag scrolls the page. */
const EDGE_PX = 56;
/** The fastest scroll, in pixels per frame, with the pointer right at the edge. */
const MAX_STEP_PX = 14;

/** The ids of a list's rows, top to bottom. */
const rowIds = (list: Element) => [...list.children].map((row) => (row as HTMLElement).dataset.taskRow ?? '');

/**
 * Lets a row be dragged within its list by its handle, with pointer events, so a mouse, a pen and a finger all work
 * (HTML drag and drop has no touch). The row moves among its siblings as the pointer passes their middles; on release
 * `drop` gets the list's new order, unless nothing moved. A cancelled gesture (the browser took the touch for a
 * scroll, the row was redrawn away) puts the row back. Held near the window's top or bottom, the page scrolls (faster
 * nearer the edge), so a list longer than a phone's screen can be reordered end to end.
 */
export function dragByHandle(handle: HTMLElement, row: HTMLElement, drop: (ids: string[]) => void): void {
  handle.addEventListener('pointerdown', (down) => {
    const list = row.parentElement;
    if (!list || (down.pointerType === 'mouse' && down.button !== 0)) return;
    down.preventDefault(); // no text selection, no focus change
    const before = rowIds(list);
    const placeholderAt = row.nextElementSibling;
    handle.setPointerCapture(down.pointerId);
    row.classList.add('dragging');

    let pointerY = down.clientY;
    /** Whether the pointer has moved since it was pressed: a press on a row near the edge alone must not scroll. */
    let dragged = false;
    /** Puts the row where the pointer is among its siblings. */
    const place = () => {
      const others = [...list.children].filter((other) => other !== row);
      let at = others.findIndex((other) => {
        const box = other.getBoundingClientRect();
        return pointerY < box.top + box.height / 2;
      });
      if (at < 0) at = others.length;
      if (others[at] === row.nextElementSibling && others[at - 1] === row.previousElementSibling) return;
      // The others move around the row, not the row itself: taking it out of the page, even for an instant, would end
      // the pointer capture its handle holds.
      for (const other of others.slice(0, at)) list.insertBefore(other, row);
      let last: Element = row;
      for (const other of others.slice(at)) {
        last.after(other);
        last = other;
      }
    };
    const move = (e: PointerEvent) => {
      pointerY = e.clientY;
      dragged ||= Math.abs(pointerY - down.clientY) > 4;
      place();
    };
    // Every frame while the drag lasts: a pointer held still at the edge sends no events, yet the page should go on
    // scrolling, and the row go on finding its place among the rows scrolling past.
    let frame = requestAnimationFrame(function scroll() {
      const fromTop = pointerY - EDGE_PX;
      const fromBottom = pointerY - (window.innerHeight - EDGE_PX);
      const depth = fromTop < 0 ? fromTop : fromBottom > 0 ? fromBottom : 0;
      if (dragged && depth !== 0) {
        const before = window.scrollY;
        window.scrollBy(0, Math.round((Math.max(-EDGE_PX, Math.min(EDGE_PX, depth)) / EDGE_PX) * MAX_STEP_PX));
        if (window.scrollY !== before) place();
      }
      frame = requestAnimationFrame(scroll);
    });
    const end = (commit: boolean) => {
      cancelAnimationFrame(frame);
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('lostpointercapture', cancel);
      handle.removeEventListener('pointercancel', cancel);
      row.classList.remove('dragging');
      const after = rowIds(list);
      if (after.join() === before.join()) return;
      if (commit) drop(after);
      else list.insertBefore(row, placeholderAt);
    };
    const up = () => end(true);
    const cancel = () => end(false);
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', cancel);
    // Released outside the window or the row redrawn away: capture is lost without a pointerup.
    handle.addEventListener('lostpointercapture', cancel);
  });
}
