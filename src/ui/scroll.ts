// What every scrolling panel shares, apart from the panels' layouts (panels.ts),
// so views that scroll need not import those (and the commands they list).

/** A panel's border (top and bottom) and title row. */
export const PANEL_CHROME = 3;

/** The first row shown, kept within the rows (so a key back up moves at once after G). */
export function clampScroll(scroll: number, rows: number, room: number): number {
  return Math.max(0, Math.min(scroll, rows - room));
}
