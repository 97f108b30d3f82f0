import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The command line is a layer on the library: it reaches the library only through the public export, and no module imports itself back. */

const ROOT = resolve(__dirname, '../../..');
const SRC = join(ROOT, 'src');
const INDEX = join(SRC, 'index.ts');

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The source files a file imports (type-only imports too), resolved to their paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']*)'/gms)].map((match) => match[1]);
  return specifiers
    .filter((specifier) => !specifier.endsWith('.json'))
    .map((specifier) => {
      const path = resolve(dirname(file), specifier);
      const candidates = [`${path}.ts`, join(path, 'index.ts')];
      return candidates.find((candidate) => allFiles.has(candidate)) ?? path;
    });
}

const allFiles = new Set(sources(SRC));
const shown = (file: string) => relative(SRC, file);

describe('the command line and the demo', () => {
  const layer = [...allFiles].filter((file) => /^(cli|demo)\//.test(shown(file)));
  it.each(layer.map(shown))('%s uses the library through src/index.ts only', (file) => {
    // The Verdaccio starter is no part of the library: the demo and the tests share it.
    const library = importsOf(join(SRC, file)).filter((target) => !/^(cli|demo|verdaccio)\//.test(shown(target)));
    expect(library.filter((target) => target !== INDEX).map(shown)).toEqual([]);
  });
});

describe('the tests', () => {
  it('use nothing of the demo', () => {
    const tests = [...sources(join(ROOT, 'test')), ...sources(join(ROOT, 'marbles'))];
    expect(tests.flatMap(importsOf).filter((target) => shown(target).startsWith('demo/')).map(shown)).toEqual([]);
  });
});

describe('src', () => {
  it('has no import loop', () => {
    const state = new Map<string, 'open' | 'done'>();
    const loops: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        loops.push([...path.slice(path.indexOf(file)), file].map(shown).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of importsOf(file)) if (allFiles.has(target)) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of allFiles) visit(file, []);
    expect(loops).toEqual([]);
  });
});
