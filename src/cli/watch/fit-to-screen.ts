import { lineRows, screenRows } from './screen-rows';

/** A terminal's size in character cells. */
export interface ScreenSize {
  readonly rows: number;
  readonly columns: number;
}

/** What a live view shows: the view itself, then a footer (status, latest changes). */
export interface LiveBlock {
  readonly view: readonly string[];
  readonly footer: readonly string[];
}

const more = (count: number): string => `… ${count} more line${count === 1 ? '' : 's'}`;

/** The first of `lines` that fit in `rows` rows, the last row saying how many lines were left out. */
export function cutLines(lines: readonly string[], rows: number, columns: number): string[] {
  if (screenRows(lines, columns) <= rows) return [...lines];
  let kept = 0;
  let used = 0;
  while (kept < lines.length && used + lineRows(lines[kept], columns) + lineRows(more(lines.length - kept - 1), columns) <= rows) {
    used += lineRows(lines[kept], columns);
    kept += 1;
  }
  const marker = more(lines.length - kept);
  return used + lineRows(marker, columns) <= rows ? [...lines.slice(0, kept), marker] : lines.slice(0, kept);
}

/**
 * The lines of `block` that fit on a screen of `size` without scrolling: one
 * row is left for the cursor under the block. When the whole block does not
 * fit, the footer keeps what it needs up to half the screen and the view is
 * cut to the rest, each with a `… N more lines` line.
 */
export function fitToScreen(block: LiveBlock, { rows, columns }: ScreenSize): string[] {
  const budget = Math.max(0, rows - 1);
  const viewRows = screenRows(block.view, columns);
  const footerRows = screenRows(block.footer, columns);
  if (viewRows + footerRows <= budget) return [...block.view, ...block.footer];
  const footerBudget = Math.min(footerRows, Math.max(budget - viewRows, Math.ceil(budget / 2)));
  return [...cutLines(block.view, budget - footerBudget, columns), ...cutLines(block.footer, footerBudget, columns)];
}
