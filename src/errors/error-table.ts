import { ERROR_CODES, ERROR_CODE_FAMILIES, type ErrorCodeDoc } from './error-code';

/** Where the table starts and ends in the README; everything between is made here. */
export const ERROR_TABLE_START = '<!-- error-codes: made from src/errors/error-code.ts by `npm run docs:errors`; edit it there -->';
export const ERROR_TABLE_END = '<!-- /error-codes -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The README's table of error codes: `E<status>` first, the codes rxnpm names, then the system codes it does not. */
export function errorTable(): string {
  const rows: [string, ErrorCodeDoc][] = [
    ['E<status>', ERROR_CODE_FAMILIES['E<status>']],
    ...Object.entries(ERROR_CODES),
    ['<system code>', ERROR_CODE_FAMILIES['<system code>']],
  ];
  const lines = rows.map(([code, { meaning, action }]) => `| \`${code}\` | ${cell(meaning)} | ${cell(action)} |`);
  return ['| code | meaning | what to do |', '|---|---|---|', ...lines].join('\n');
}

/** `readme` with the text between its table markers made again from the catalogue. */
export function withErrorTable(readme: string): string {
  const start = readme.indexOf(ERROR_TABLE_START);
  const end = readme.indexOf(ERROR_TABLE_END);
  if (start < 0 || end < start) throw new Error(`the README has no ${ERROR_TABLE_START} … ${ERROR_TABLE_END} markers`);
  return `${readme.slice(0, start + ERROR_TABLE_START.length)}\n${errorTable()}\n${readme.slice(end)}`;
}
