/** An SGR pair: the code that turns an attribute on and the one that turns it off. */
interface Sgr {
  readonly open: string;
  readonly close: string;
}

const sgr = (open: number, close: number): Sgr => ({ open: `\u001B[${open}m`, close: `\u001B[${close}m` });

const CODES = {
  dim: sgr(2, 22),
  underline: sgr(4, 24),
  red: sgr(31, 39),
  green: sgr(32, 39),
  blue: sgr(34, 39),
  magenta: sgr(35, 39),
  cyan: sgr(36, 39),
  redBright: sgr(91, 39),
};

/** Styles a value (any value prints as its string form, as chalk does). */
export type Style = (value: unknown) => string;

/** The styles npm's `view` (and `token list`) paints with. */
export interface TextStyles {
  readonly dim: Style;
  readonly blue: Style;
  readonly cyan: Style;
  readonly green: Style;
  readonly magenta: Style;
  readonly red: Style;
  readonly redBright: Style;
  readonly underlineCyan: Style;
}

function replaceAll(text: string, find: string, replacement: string): string {
  return text.split(find).join(replacement);
}

/**
 * One style made of `layers` (outermost first), with chalk's rules so that
 * colored output is byte for byte what npm prints: nothing is wrapped around
 * an empty string, a nested closing code re-opens this style, and every line
 * break closes the style before it and re-opens it after.
 */
function styleOf(layers: readonly Sgr[]): Style {
  const openAll = layers.map((l) => l.open).join('');
  const closeAll = [...layers].reverse().map((l) => l.close).join('');
  return (value) => {
    let text = String(value);
    if (!text) return text;
    if (text.includes('\u001B')) {
      for (const layer of [...layers].reverse()) text = replaceAll(text, layer.close, layer.close + layer.open);
    }
    text = text.replace(/\r?\n/g, (lineBreak) => `${closeAll}${lineBreak}${openAll}`);
    return openAll + text + closeAll;
  };
}

const plain: Style = (value) => String(value);

/**
 * The styles for one output: ANSI colors when `color` is on (npm colors stdout
 * only on a terminal, or with `--color always`), plain text otherwise.
 *
 * @example
 * textStyles(false).cyan(3) // '3'
 */
export function textStyles(color: boolean): TextStyles {
  const make = (...layers: Sgr[]) => (color ? styleOf(layers) : plain);
  return {
    dim: make(CODES.dim),
    blue: make(CODES.blue),
    cyan: make(CODES.cyan),
    green: make(CODES.green),
    magenta: make(CODES.magenta),
    red: make(CODES.red),
    redBright: make(CODES.redBright),
    underlineCyan: make(CODES.underline, CODES.cyan),
  };
}
