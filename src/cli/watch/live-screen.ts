import { stripVTControlCharacters } from 'node:util';

const ESC = '\u001b[';

export interface ScreenStream {
  write(text: string): unknown;
  readonly columns?: number;
  readonly rows?: number;
}

/** Rows `text` takes on a terminal `columns` wide, counting wrapped lines. */
export function rowsOf(text: string, columns: number): number {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.reduce((rows, line) => rows + Math.max(1, Math.ceil(stripVTControlCharacters(line).length / columns)), 0);
}

/**
 * A block of text redrawn in place on a terminal: each `render` moves the
 * cursor back up over what the previous one drew and clears from there down.
 * When the previous block was taller than the screen (its top has scrolled
 * away), the screen is cleared instead.
 */
export class LiveScreen {
  private drawnRows = 0;

  constructor(private readonly stream: ScreenStream) {}

  render(text: string): void {
    const block = text.endsWith('\n') ? text : `${text}\n`;
    const columns = this.stream.columns || 80;
    const rows = this.stream.rows || 24;
    let erase = '';
    if (this.drawnRows >= rows) erase = `${ESC}H${ESC}2J`;
    else if (this.drawnRows > 0) erase = `${ESC}${this.drawnRows}A\r${ESC}J`;
    this.stream.write(erase + block);
    this.drawnRows = rowsOf(block, columns);
  }
}
