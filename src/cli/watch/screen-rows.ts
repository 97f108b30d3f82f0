import stringWidth from 'string-width';

/**
 * Rows `line` (one line, no `\n`) takes on a terminal `columns` wide once it
 * wraps. Measured in columns, as the terminal places it: colour codes take
 * none, wide (CJK, emoji) characters two. An empty line still takes a row.
 */
export function lineRows(line: string, columns: number): number {
  return Math.max(1, Math.ceil(stringWidth(line) / Math.max(1, columns)));
}

/** Rows `lines` take on a terminal `columns` wide. */
export function screenRows(lines: readonly string[], columns: number): number {
  return lines.reduce((rows, line) => rows + lineRows(line, columns), 0);
}
