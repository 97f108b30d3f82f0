import { LiveScreen } from '../../../src/cli/watch/live-screen';

const ESC = '\u001b[';
/** Back to the start of the cursor's row, erased, then each of `rows` rows above it erased on the way up. */
const erase = (rows: number) => `\r${ESC}2K${`${ESC}1A${ESC}2K`.repeat(rows)}`;

function terminal(columns = 20, rows = 10) {
  const written: string[] = [];
  return { written, stream: { columns, rows, write: (text: string) => written.push(text) } };
}

describe('LiveScreen', () => {
  it('draws the first block, then erases the rows it took, wrapped ones included, before the next', () => {
    const { written, stream } = terminal();
    const screen = new LiveScreen(stream);
    screen.render('one\ntwo\n');
    screen.render(`three ${'x'.repeat(20)}`);
    screen.render('four\n');
    expect(written).toEqual([`${erase(0)}one\ntwo\n`, `${erase(2)}three ${'x'.repeat(20)}\n`, `${erase(2)}four\n`]);
  });

  it('never clears the screen, which tmux would move into the scrollback', () => {
    const { written, stream } = terminal(20, 3);
    const screen = new LiveScreen(stream);
    screen.render('1\n2\n3\n4\n');
    screen.render('small\n');
    expect(written.join('')).not.toMatch(/\u001b\[[0-3]?J/);
  });

  it('cuts a block taller than the screen, leaving a row for the cursor, and keeps the footer', () => {
    const { written, stream } = terminal(20, 5);
    const screen = new LiveScreen(stream);
    screen.render('1\n2\n3\n4\n5\n6\n', '\nwatching\n');
    screen.render('7\n');
    expect(written).toEqual([`${erase(0)}1\n… 5 more lines\n\nwatching\n`, `${erase(4)}7\n`]);
  });

  it('redraws the last block cut to the new size, erasing what the old one takes at the new width', () => {
    const stream = { columns: 20, rows: 10, written: [] as string[], write: (text: string) => stream.written.push(text) };
    const screen = new LiveScreen(stream);
    screen.render(`${'x'.repeat(20)}\n${'y'.repeat(20)}\n3\n4\n`);
    stream.columns = 16;
    stream.rows = 4;
    screen.redraw();
    // Rewrapped at 16 columns, the two full lines take two rows each: 6 rows to erase.
    expect(stream.written[1]).toBe(`${erase(6)}${'x'.repeat(20)}\n… 3 more lines\n`);
  });
});
