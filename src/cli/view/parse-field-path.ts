import { ViewError } from './view-error';

/** Marks the empty brackets `[]` in a field path: npm's syntax for "append", which a query cannot use. */
export const APPEND: unique symbol = Symbol('append');

/** One step of a field path: a property name or array index, or `APPEND`. */
export type FieldStep = string | typeof APPEND;

const BRACKETS = /(.+)\[([^\]]+)\]\.?(.*)$/;
const EMPTY_BRACKETS = /^(.*)\[\]\.?(.*)$/;

/** `dotted`: names still to split at dots; `whole`: the inside of brackets, one name even with dots in it. */
type Piece = { readonly dotted: string } | { readonly whole: string } | typeof APPEND;

function emptyBrackets(text: string): Piece[] {
  const match = EMPTY_BRACKETS.exec(text);
  if (!match) return [{ dotted: text }];
  const [, before, after] = match;
  // npm drops empty names around `[]` (but keeps a path with no brackets as it is, even empty).
  const parts: Piece[] = [...emptyBrackets(before), APPEND, { dotted: after }];
  return parts.filter((p) => p === APPEND || !('dotted' in p) || p.dotted !== '');
}

function pieces(text: string): Piece[] {
  const match = BRACKETS.exec(text);
  if (!match) return emptyBrackets(text);
  const [, before, inside, after] = match;
  return [...pieces(before), { whole: inside }, ...(after ? pieces(after) : [])];
}

/**
 * Splits a field argument of `npm view` into the properties to walk, as npm
 * does: dots separate names, brackets name one property whole (`time[1.0.0]`)
 * or an index (`maintainers[0].email`). Surrounding spaces are ignored.
 *
 * @example
 * parseFieldPath('time[1.0.0]') // ['time', '1.0.0']
 * parseFieldPath('dist.tarball') // ['dist', 'tarball']
 */
export function parseFieldPath(field: string): FieldStep[] {
  return pieces(field.trim()).flatMap((piece): FieldStep[] => {
    if (piece === APPEND) return [APPEND];
    return 'whole' in piece ? [piece.whole] : piece.dotted.split('.');
  });
}

/** The error npm gives for `field[]` once the query reaches the brackets. */
export function emptyBracketsError(): ViewError {
  return new ViewError('EINVALIDSYNTAX', 'Empty brackets are not valid syntax for retrieving values.');
}
