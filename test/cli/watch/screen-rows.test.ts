import { lineRows, screenRows } from '../../../src/cli/watch/screen-rows';

const ESC = '\u001b[';

describe('lineRows', () => {
  it('is one row for a line up to the width, even an empty one, and one more for each wrap', () => {
    expect(lineRows('', 20)).toBe(1);
    expect(lineRows('x'.repeat(20), 20)).toBe(1);
    expect(lineRows('x'.repeat(21), 20)).toBe(2);
    expect(lineRows('x'.repeat(45), 20)).toBe(3);
  });

  it('gives colour codes no width', () => {
    expect(lineRows(`${ESC}31m${'x'.repeat(20)}${ESC}39m`, 20)).toBe(1);
    expect(lineRows(`${ESC}1m${ESC}32m${'x'.repeat(19)}${ESC}39m${ESC}22my`, 20)).toBe(1);
  });

  it('gives wide characters two columns', () => {
    // 10 characters, 20 columns: the terminal wraps them after 5.
    expect(lineRows('漢字漢字漢字漢字漢字', 10)).toBe(2);
    expect(lineRows('📦📦📦📦📦📦', 10)).toBe(2);
    expect(lineRows('ﾊﾝｶｸ', 4)).toBe(1);
  });
});

describe('screenRows', () => {
  it('adds up the rows of each line', () => {
    expect(screenRows([], 20)).toBe(0);
    expect(screenRows(['a', '', 'x'.repeat(45)], 20)).toBe(5);
  });
});
