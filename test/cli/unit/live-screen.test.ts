import { LiveScreen, rowsOf } from '../../../src/cli/watch/live-screen';

const ESC = '\u001b[';

function terminal(columns = 20, rows = 10) {
  const written: string[] = [];
  return { written, stream: { columns, rows, write: (text: string) => written.push(text) } };
}

describe('rowsOf', () => {
  it('counts lines, wrapped lines and ignores color codes', () => {
    expect(rowsOf('a\nb\n', 20)).toBe(2);
    expect(rowsOf(`${'x'.repeat(45)}\n`, 20)).toBe(3);
    expect(rowsOf(`${ESC}31m${'x'.repeat(20)}${ESC}39m\n\n`, 20)).toBe(2);
  });
});

describe('LiveScreen', () => {
  it('draws the first block as it is, then moves up over it and clears before the next', () => {
    const { written, stream } = terminal();
    const screen = new LiveScreen(stream);
    screen.render('one\ntwo\n');
    screen.render(`three ${'x'.repeat(20)}`);
    screen.render('four\n');
    expect(written).toEqual(['one\ntwo\n', `${ESC}2A\r${ESC}Jthree ${'x'.repeat(20)}\n`, `${ESC}2A\r${ESC}Jfour\n`]);
  });

  it('clears the whole screen when the last block was taller than it', () => {
    const { written, stream } = terminal(20, 3);
    const screen = new LiveScreen(stream);
    screen.render('1\n2\n3\n4\n');
    screen.render('small\n');
    expect(written[1]).toBe(`${ESC}H${ESC}2Jsmall\n`);
  });
});
