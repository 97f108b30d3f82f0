import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_CODE_FAMILIES, ERROR_CODES, errorCodeDoc, RegistryError, type ErrorCode } from 'rxnpm';
import { ERROR_TABLE_END, ERROR_TABLE_START, errorTable, withErrorTable } from '../../../src/errors/error-table';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const documented = { ...ERROR_CODE_FAMILIES, ...ERROR_CODES };

/** The rows of the README’s error table (between its markers), code by code, as they are written there. */
function readmeRows(): Map<string, { meaning: string; action: string }> {
  const table = readme.slice(readme.indexOf(ERROR_TABLE_START), readme.indexOf(ERROR_TABLE_END));
  const unescape = (cell: string) => cell.replace(/\\\|/g, '|');
  return new Map([...table.matchAll(/^\| `([^`]+)` \| (.*?) \| (.*?) \|$/gm)].map(([, code, meaning, action]) => [code, { meaning: unescape(meaning), action: unescape(action) }]));
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every code written as a literal where an error is made in `src/`: `new XError('CODE'`, `super('CODE'`, `code: 'CODE'`. */
function codesThrownInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const made = /(?:new \w*Error\(|super\()\s*['"`]([A-Z][A-Z0-9_]+)['"`]|\bcode: ['"`]([A-Z][A-Z0-9_]+)['"`]/g;
  for (const file of sourceFiles(join(root, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(made)) found.set(match[1] ?? match[2], relative(root, file));
  }
  return found;
}

describe('the catalogue of error codes', () => {
  it('is the README’s error table, as `npm run docs:errors` writes it', () => {
    expect(withErrorTable(readme)).toBe(readme);
    expect(readme).toContain(errorTable());
  });

  it('has every code in the README’s table with the same meaning and action', () => {
    const rows = readmeRows();
    for (const [code, doc] of Object.entries(documented)) expect({ code, ...rows.get(code) }).toEqual({ code, ...doc });
  });

  it('lists every code the README’s table has', () => {
    const listed = [...readmeRows().keys()];
    expect(listed.length).toBeGreaterThan(30);
    expect(listed.filter((code) => !(code in documented))).toEqual([]);
  });

  it('lists every code made in src/, so a new free-string code fails here', () => {
    const thrown = codesThrownInSource();
    // The scan must see codes of each kind of site, or it would pass on nothing.
    expect([...thrown.keys()]).toEqual(expect.arrayContaining(['EUSAGE', 'ENEEDAUTH', 'EREDIRECT', 'EMAXREDIRECTS', 'EBADTARBALL', 'EINVALIDSYNTAX', 'E404']));
    const unlisted = [...thrown].filter(([code]) => !(code in ERROR_CODES) && !/^E\d{3}$/.test(code));
    expect(unlisted).toEqual([]);
  });

  it('gives every code a meaning and an action of one line each', () => {
    for (const [code, { meaning, action }] of Object.entries(documented)) {
      expect({ code, meaning: meaning.trim() !== '' && !meaning.includes('\n'), action: action.trim() !== '' && !action.includes('\n') }).toEqual({ code, meaning: true, action: true });
    }
  });

  it('types a RegistryError’s code as one of its codes, `E<status>` or a system code, and nothing else', () => {
    const codes: ErrorCode[] = ['ENOTCACHED', 'E404', 'E503'];
    // @ts-expect-error a code the catalogue does not list is a compile error
    const typo = new RegistryError('ENOTCAHCED', 'a typo');
    expect(codes.every((code) => new RegistryError(code, 'listed').code === code)).toBe(true);
    expect(typo.code).toBe('ENOTCAHCED');
  });

  it('says what a code means and what to do, for a named code and for each family', () => {
    expect(errorCodeDoc('ENOTCACHED')).toBe(ERROR_CODES.ENOTCACHED);
    expect(errorCodeDoc('E404')).toBe(ERROR_CODE_FAMILIES['E<status>']);
    expect(errorCodeDoc('ERR_SSL_WRONG_VERSION_NUMBER')).toBe(ERROR_CODE_FAMILIES['<system code>']);
    // An inherited name is no code of the catalogue.
    expect(errorCodeDoc('constructor')).toBe(ERROR_CODE_FAMILIES['<system code>']);
  });
});
