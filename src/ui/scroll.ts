// What every scrolling panel shares, apart from the panels' layouts (panels.ts),
// so views that scroll need not import those (and the commands they list).

/** A panel's border (top and bottom) and title row. */
export const PANEL_CHROME = 3;

/** The first row shown, kept within the rows (so a key back up moves at once after G). */
export function clampScroll(scroll: number, rows: number, room: number): number {
  return Math.max(0, Math.min(scroll, rows - room));
}

/** How far each of the list's keys scrolls a panel of `page` rows (help, command output, the logs view). */
export const SCROLL_STEPS = {
  'move.down': () => 1,
  'move.up': () => -1,
  'page.down': (page: number) => page,
  'page.up': (page: number) => -page,
  'move.top': () => -1e9,
  'move.bottom': () => 1e9,
} as const;
