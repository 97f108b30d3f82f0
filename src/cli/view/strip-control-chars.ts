// C0 and C1 control characters other than tab, line feed, vertical tab and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]/;
// An SGR sequence (colors) up to 8-bit notation, e.g. `[38;5;255m`, after an ESC.
const SGR = /^\[[0-9;]{0,8}m/;
const SGR_MAX_LENGTH = '[38;5;255m'.length;

/**
 * Makes text safe for a terminal the way npm does before printing: colors
 * (SGR sequences) stay, every other control character becomes caret notation
 * (`\x07` → `^G`, `\x7f` → `^?`, a C1 code → `^` plus the letter 64 below it).
 *
 * @example
 * stripControlChars('bell\x07') // 'bell^G'
 */
export function stripControlChars(text: string): string {
  if (!CONTROL.test(text)) return text;
  let result = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const code = char.charCodeAt(0);
    if (!CONTROL.test(char)) result += char;
    else if (code === 27 && SGR.test(text.slice(i + 1, i + 1 + SGR_MAX_LENGTH))) result += char;
    else if (code <= 31) result += `^${String.fromCharCode(code + 64)}`;
    else result += `^${String.fromCharCode(code - 64)}`;
  }
  return result;
}
