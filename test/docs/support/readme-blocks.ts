import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../cli/support/build-cli';

/**
 * The code blocks of README.md, each with the note written on the line
 * before it. How a block is checked (test/docs/readme-blocks.test.ts):
 *
 * - `ts`: a program, type-checked and run with node; it takes the registry's
 *   URL as its first argument, as a reader gives it `npm config get registry`.
 *   A `console.log(…); // text` line must print `text`.
 * - `console`: a session: `$ command` lines, each followed by what it prints;
 *   run in one shell against a fresh Verdaccio.
 * - `<!-- run as path/to/file -->` before a block: it is that file of the
 *   project (from its first `import`), which the project's own tests run.
 * - `<!-- not run: why -->` before a block: it cannot run here (it installs,
 *   or needs what the machine has not); the reason is required.
 * - a block with no language, or `mermaid`, is a figure (a screen, a diagram,
 *   a tree), not code; the architecture test checks the diagram's names.
 *
 * Any other block fails the test, so none is left unchecked by accident.
 */
export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: string;
  readonly code: string;
  /** The HTML comment right before the fence, without `<!--` and `-->`. */
  readonly note?: string;
}

const FENCE = /^```(\S*)\n([\s\S]*?)^```$/gm;
const NOTE = /<!--\s*(.*?)\s*-->\n$/;

export function readmeBlocks(text = readFileSync(join(ROOT, 'README.md'), 'utf8')): ReadmeBlock[] {
  return [...text.matchAll(FENCE)].map((match) => {
    const before = text.slice(0, match.index);
    return { line: before.split('\n').length, language: match[1], code: match[2], note: NOTE.exec(before)?.[1] };
  });
}

/** How the test treats a block, from its note and language (see above). */
export type BlockKind = { kind: 'program' | 'session' | 'figure' } | { kind: 'file'; path: string } | { kind: 'not run'; why: string } | { kind: 'unchecked' };

export function kindOf(block: ReadmeBlock): BlockKind {
  const runAs = /^run as (\S+)$/.exec(block.note ?? '');
  if (runAs) return { kind: 'file', path: runAs[1] };
  const notRun = /^not run: (.+)$/.exec(block.note ?? '');
  if (notRun) return { kind: 'not run', why: notRun[1] };
  if (block.language === 'ts') return { kind: 'program' };
  if (block.language === 'console') return { kind: 'session' };
  if (block.language === '' || block.language === 'mermaid') return { kind: 'figure' };
  return { kind: 'unchecked' };
}
