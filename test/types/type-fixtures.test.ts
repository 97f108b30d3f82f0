import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The fixtures beside this file are compiled with the project's settings, as
 * `tsc -p .` compiles them, so `npx jest` alone catches a type that lets a
 * mistake through. A fixture must compile as written; and with its
 * `@ts-expect-error` directives taken out, the line after each must fail with
 * the words the directive gives, so no directive passes for another reason.
 */

const root = join(__dirname, '..', '..');
const DIRECTIVE = /^\s*\/\/ @ts-expect-error (.+)$/;

const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
// The project's own declarations of untyped modules (src/types, src/cli/types) are not imported: they are listed.
const declarations = parsed.fileNames.filter((file) => file.endsWith('.d.ts'));

interface Expectation {
  /** 0-based line of the code that must fail. */
  readonly line: number;
  readonly words: string;
}

const host = ts.createCompilerHost(parsed.options);
const readSource = host.getSourceFile.bind(host);
/** Every file but the fixture is parsed once for all compilations. */
const parsedFiles = new Map<string, ts.SourceFile | undefined>();
let previous: ts.Program | undefined;

/** The error messages of one fixture, by 0-based line. */
function errorsByLine(file: string, text: string): Map<number, string[]> {
  const fixtureHost: ts.CompilerHost = {
    ...host,
    getSourceFile: (name, language, ...rest) => {
      if (name === file) return ts.createSourceFile(name, text, language);
      if (!parsedFiles.has(name)) parsedFiles.set(name, readSource(name, language, ...rest));
      return parsedFiles.get(name);
    },
  };
  const program = ts.createProgram({ rootNames: [...declarations, file], options: parsed.options, host: fixtureHost, oldProgram: previous });
  previous = program;
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${file} was not compiled`);
  const errors = new Map<number, string[]>();
  for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
    const line = diagnostic.start === undefined ? -1 : source.getLineAndCharacterOfPosition(diagnostic.start).line;
    errors.set(line, [...(errors.get(line) ?? []), ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')]);
  }
  return errors;
}

const fixtures = readdirSync(__dirname).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

describe.each(fixtures)('type fixture %s', (name) => {
  const file = join(__dirname, name).split('\\').join('/');
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const expectations: Expectation[] = lines.flatMap((line, at) => {
    const words = DIRECTIVE.exec(line)?.[1];
    return words ? [{ line: at + 1, words }] : [];
  });

  it('compiles as written, each @ts-expect-error meeting an error', () => {
    expect(errorsByLine(file, text)).toEqual(new Map());
  }, 60_000);

  it('fails, without its directives, exactly where they stand, with the errors they name', () => {
    const stripped = lines.map((line) => (DIRECTIVE.test(line) ? '//' : line)).join('\n');
    const errors = errorsByLine(file, stripped);
    expect([...errors.keys()].sort((a, b) => a - b)).toEqual(expectations.map(({ line }) => line));
    for (const { line, words } of expectations) {
      expect({ code: lines[line].trim(), errors: errors.get(line) }).toEqual({ code: lines[line].trim(), errors: [expect.stringContaining(words)] });
    }
  }, 60_000);
});
