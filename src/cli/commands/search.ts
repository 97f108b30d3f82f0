import type { Command } from 'commander';
import { defer, map } from 'rxjs';
import type { SearchResult } from '../../index';
import type { Select } from './types';

const cell = (value: unknown): string => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

/** Name, version and description in aligned columns, cut to the terminal's width when there is one. */
function table(objects: readonly SearchResult[], columns: number | undefined): string[] {
  // The public registry says `version`; Verdaccio only has the dist-tags.
  const version = (pkg: SearchResult['package']): unknown => {
    const tags = pkg['dist-tags'];
    return pkg.version ?? (typeof tags === 'object' && tags !== null && 'latest' in tags ? tags.latest : undefined);
  };
  const rows = objects.map(({ package: pkg }) => [cell(pkg.name), cell(version(pkg)), cell(pkg.description)]);
  const header = ['NAME', 'VERSION', 'DESCRIPTION'];
  const widths = [0, 1].map((i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  return [header, ...rows].map((row) => {
    const line = `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`.trimEnd();
    return columns && line.length > columns ? `${line.slice(0, columns - 1)}…` : line;
  });
}

function limit(value: unknown): number {
  const size = Number(value ?? 20);
  return Number.isInteger(size) && size >= 1 ? Math.min(size, 250) : 20;
}

/** `search <text…>`: the registry's search, with npm's `searchlimit`. */
export function defineSearch(program: Command, select: Select): void {
  program
    .command('search')
    .alias('find')
    .description('search the registry for packages')
    .argument('<text...>', 'words to search for')
    .action((words: string[], _options: unknown, command: Command) => {
      const text = words.join(' ');
      select(`search ${text}`, command, (ctx) =>
        defer(() => ctx.client.search(text, { size: limit(ctx.config.get('searchlimit')) })).pipe(
          map(({ objects }) => {
            if (ctx.json) ctx.printJson(objects.map((o) => o.package));
            else if (objects.length === 0) ctx.print(`No matches found for ${JSON.stringify(text)}`);
            else table(objects, ctx.stdout.isTTY ? ctx.stdout.columns : undefined).forEach((line) => ctx.print(line));
          }),
        ),
      );
    });
}
