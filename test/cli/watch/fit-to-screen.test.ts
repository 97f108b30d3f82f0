import fc from 'fast-check';
import { cutLines, fitToScreen } from '../../../src/cli/watch/fit-to-screen';
import { screenRows } from '../../../src/cli/watch/screen-rows';

const ESC = '\u001b[';
const numbered = (count: number, prefix = 'line') => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

describe('cutLines', () => {
  it('keeps lines that fit as they are', () => {
    expect(cutLines(['a', 'b', 'c'], 3, 20)).toEqual(['a', 'b', 'c']);
  });

  it('cuts the rest into a last row that says how many lines are left out', () => {
    expect(cutLines(numbered(10), 4, 20)).toEqual(['line 1', 'line 2', 'line 3', '… 7 more lines']);
    expect(cutLines(numbered(3), 2, 20)).toEqual(['line 1', '… 2 more lines']);
    expect(cutLines(numbered(4), 3, 20)).toEqual(['line 1', 'line 2', '… 2 more lines']);
  });

  it('says "line" for one', () => {
    expect(cutLines(['a', 'x'.repeat(30)], 2, 20)).toEqual(['a', '… 1 more line']);
  });

  it('counts the rows a long line wraps into, not lines', () => {
    // 45 columns on a 20-column terminal take 3 rows: with the marker, that is 5 rows.
    expect(cutLines(['a', 'x'.repeat(45), 'b', 'c'], 5, 20)).toEqual(['a', 'x'.repeat(45), '… 2 more lines']);
    expect(cutLines(['a', 'x'.repeat(45), 'b', 'c'], 4, 20)).toEqual(['a', '… 3 more lines']);
  });

  it('does not count colour codes, and counts wide characters twice', () => {
    const red = `${ESC}31m${'x'.repeat(20)}${ESC}39m`;
    expect(cutLines([red, red, red], 3, 20)).toEqual([red, red, red]);
    // 8 characters, 16 columns: two rows each on a 14-column terminal.
    const wide = '漢字漢字漢字漢字';
    expect(cutLines([wide, wide, wide], 3, 14)).toEqual([wide, '… 2 more lines']);
    expect(cutLines(['x'.repeat(8), 'x'.repeat(8), 'x'.repeat(8)], 3, 14)).toEqual(['x'.repeat(8), 'x'.repeat(8), 'x'.repeat(8)]);
  });

  it('gives nothing when there is no room, and the marker alone when only it fits', () => {
    expect(cutLines(['a', 'b'], 0, 20)).toEqual([]);
    expect(cutLines(['x'.repeat(30), 'b'], 1, 20)).toEqual(['… 2 more lines']);
    // The marker wraps too on a terminal narrower than it.
    expect(cutLines(['x'.repeat(30), 'b'], 1, 10)).toEqual([]);
  });
});

describe('fitToScreen', () => {
  const size = { rows: 10, columns: 40 };

  it('leaves a block that fits with a row to spare as it is', () => {
    const block = { view: numbered(6), footer: ['', 'watching', 'a change'] };
    expect(fitToScreen(block, size)).toEqual([...block.view, ...block.footer]);
  });

  it('cuts the view, not a small footer, when the block is taller than the screen', () => {
    const fitted = fitToScreen({ view: numbered(30), footer: ['', 'watching x'] }, size);
    expect(fitted).toEqual([...numbered(6), '… 24 more lines', '', 'watching x']);
    expect(screenRows(fitted, size.columns)).toBe(9);
  });

  it('gives a long footer up to half the screen, cut from its end', () => {
    const footer = ['', 'watching x', ...numbered(8, 'change')];
    expect(fitToScreen({ view: numbered(30), footer }, size)).toEqual([
      ...numbered(3),
      '… 27 more lines',
      '',
      'watching x',
      'change 1',
      'change 2',
      '… 6 more lines',
    ]);
  });

  it('gives a long footer the rows a short view leaves', () => {
    const footer = ['', 'watching x', ...numbered(8, 'change')];
    expect(fitToScreen({ view: ['name@1.0.0'], footer }, size)).toEqual(['name@1.0.0', '', 'watching x', ...numbered(5, 'change'), '… 3 more lines']);
  });

  it('never takes more rows than the screen has, less one for the cursor', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 90 }).map((text) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')),
      fc.string({ unit: fc.constantFrom('漢', '📦', 'x', `${ESC}31m`, `${ESC}39m`), maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.array(line, { maxLength: 12 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 120 }), (view, footer, rows, columns) => {
        const fitted = fitToScreen({ view, footer }, { rows, columns });
        expect(screenRows(fitted, columns)).toBeLessThanOrEqual(rows - 1);
        if (screenRows([...view, ...footer], columns) <= rows - 1) expect(fitted).toEqual([...view, ...footer]);
      }),
    );
  });
});
