import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The lines of the README section under `heading`, up to the next heading of its level or above (code blocks skipped). */
function section(heading: string): string[] {
  const lines = readme.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`the README has no "${heading}" heading`);
  const level = heading.indexOf(' ');
  let fenced = false;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('```')) fenced = !fenced;
    const depth = /^(#+) /.exec(line)?.[1].length;
    if (!fenced && depth !== undefined && depth <= level) break;
    body.push(line);
  }
  return body;
}

/** The lines inside the first code block of `lines` fenced as `language`. */
function codeBlock(lines: string[], language: string): string[] {
  const start = lines.indexOf(`\`\`\`${language}`);
  if (start === -1) throw new Error(`no \`\`\`${language} block`);
  return lines.slice(start + 1, lines.indexOf('```', start + 1));
}

/** Every folder below `dir`, as `src/a/b/`. */
function folders(dir: string, prefix: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [`${prefix}${entry.name}/`, ...folders(join(dir, entry.name), `${prefix}${entry.name}/`)]);
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The built-in interceptors, named after their files: those of src/interceptors and src/cache's `*-interceptor.ts`. */
function interceptorFiles(): string[] {
  const own = readdirSync(join(root, 'src', 'interceptors')).filter((file) => file !== 'default-interceptors.ts');
  const cache = readdirSync(join(root, 'src', 'cache')).filter((file) => file.endsWith('-interceptor.ts'));
  return [...own.map((file) => basename(file, '.ts')), ...cache.map((file) => basename(file, '-interceptor.ts'))].sort();
}

/** The order `defaultInterceptors` puts them in, as its source calls them. */
function defaultOrder(): string[] {
  const source = readFileSync(join(root, 'src', 'interceptors', 'default-interceptors.ts'), 'utf8');
  const body = source.slice(source.indexOf('export function defaultInterceptors'));
  return [...body.matchAll(/(\w+)Interceptor\(/g)].map(([, name]) => kebab(name));
}

/** The nodes of the diagram's `builtin` subgraph, in the order they are written. */
function diagramInterceptors(): string[] {
  const diagram = codeBlock(section('## Architecture'), 'mermaid');
  const start = diagram.findIndex((line) => line.trim().startsWith('subgraph builtin'));
  const end = diagram.findIndex((line, at) => at > start && line.trim() === 'end');
  return diagram.slice(start + 1, end).flatMap((line) => [...line.matchAll(/\w+\["([^"]+)"\]/g)].map(([, label]) => label));
}

describe('the README’s architecture', () => {
  it('lays out every folder under src/, and only folders that exist', () => {
    const layout = codeBlock(section('## Project layout'), '');
    const listed = layout.map((line) => line.split(/\s+/)[0]).filter((path) => path.startsWith('src/') && path.endsWith('/'));
    expect(listed.sort()).toEqual(folders(join(root, 'src'), 'src/').sort());
  });

  it('draws every built-in interceptor, and only those', () => {
    expect([...diagramInterceptors()].sort()).toEqual(interceptorFiles());
  });

  it('draws them in the order defaultInterceptors chains them, as the one-line chain lists them', () => {
    const order = defaultOrder();
    expect(order.length).toBeGreaterThan(0);
    expect(diagramInterceptors()).toEqual(order);
    expect(codeBlock(section('### How a request travels'), '')).toContain(['your interceptors', ...order, 'transport'].join(' → '));
  });
});
