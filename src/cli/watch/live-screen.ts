import { fitToScreen, type LiveBlock } from './fit-to-screen';
import { screenRows } from './screen-rows';

const ESC = '\u001b[';
/** Erases the row the cursor is on (the whole row, wherever the cursor is in it). */
const ERASE_ROW = `${ESC}2K`;
const UP = `${ESC}1A`;

export interface ScreenStream {
  write(text: string): unknown;
  readonly columns?: number;
  readonly rows?: number;
}

const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/**
 * A block of text redrawn in place on a terminal. Each `render` cuts the
 * block to the screen's size as it is now (so its top never scrolls away),
 * then erases the rows the previous one took, from the cursor under it up
 * to its top, and writes the new block there.
 *
 * Rows are erased one at a time rather than with "clear to end of screen":
 * from the top-left corner, tmux (`scroll-on-clear`) and some terminals move
 * a cleared screen into the scrollback, which would leave a copy there at
 * every redraw.
 */
export class LiveScreen {
  private drawn: readonly string[] = [];
  private drawnRows = 0;
  private last: LiveBlock = { view: [], footer: [] };

  constructor(private readonly stream: ScreenStream) {}

  /** Draws `view` with `footer` under it; when they do not fit, the footer keeps up to half the screen. */
  render(view: string, footer = ''): void {
    this.last = { view: lines(view), footer: lines(footer) };
    this.redraw();
  }

  /** Draws the last block again for the screen's size now (after a resize). */
  redraw(): void {
    const columns = this.stream.columns || 80;
    const rows = this.stream.rows || 24;
    const fitted = fitToScreen(this.last, { rows, columns });
    // After a resize the terminal may have rewrapped what was drawn; erase whichever takes more rows.
    const erase = Math.max(this.drawnRows, screenRows(this.drawn, columns));
    this.stream.write(`\r${ERASE_ROW}${`${UP}${ERASE_ROW}`.repeat(erase)}${fitted.map((line) => `${line}\n`).join('')}`);
    this.drawn = fitted;
    this.drawnRows = screenRows(fitted, columns);
  }
}
