import { MAX_JSON_DEPTH, nestedDeeperThan, TooDeepError } from '../../index';
import { fieldJson, fieldText } from './field-output';
import { fieldValues } from './field-values';
import { jsonText } from './json-text';
import { normalizeViewOptions, type ViewOptions } from './normalize-view-options';
import { printedText } from './printed-text';
import { selectVersions } from './select-versions';
import { summaryView } from './summary-view';
import { textStyles } from './text-styles';

export { ViewError } from './view-error';
export type { ViewOptions } from './normalize-view-options';

/**
 * Prints a package the way `npm view` does, from its full packument.
 *
 * - no fields: the summary of every version matching `wanted` (one for a tag
 *   or exact version, several for a range); with `json`, the whole document.
 * - fields (`version`, `dist.tarball`, `maintainers[0].name`…): their values,
 *   keyed `name@version 'value'` when a range matches several versions.
 *
 * @param packument the FULL packument (Accept: application/json) as the registry returns it
 * @param wanted the part after `@` in the spec: a version, range or dist-tag; `''` (or `*`) for the default tag
 * @param fields the field arguments of `npm view`, `[]` for the summary
 * @returns exactly what npm prints on stdout, with its final line break; `''` when npm prints nothing
 * @throws TooDeepError ETOODEEP when the document nests more than 512 levels deep
 * @throws ViewError E404 when no version matches `wanted` (npm: "No match found for version …") or the package is unpublished
 *
 * @example
 * process.stdout.write(formatView(packument, '^1', ['version'], { json: false, color: false, now: new Date() }));
 * // rxjs@1.0.0 '1.0.0'
 * // rxjs@1.1.0 '1.1.0'
 */
export function formatView(packument: unknown, wanted: string, fields: readonly string[], options: ViewOptions): string {
  // The printers below recurse (JSON.stringify, util.inspect's own walk): a document nested without bound would overflow them.
  if (nestedDeeperThan(packument)) throw new TooDeepError(MAX_JSON_DEPTH, 'the package document');
  const opts = normalizeViewOptions(options);
  const selection = selectVersions(packument, wanted, fields, opts);

  if (fields.length === 0 && !opts.json) {
    const summary = { styles: textStyles(opts.color), now: opts.now, unicode: opts.unicode };
    return selection.versions.map(({ document }) => printedText(summaryView(selection.packument, document, summary), { redact: true })).join('');
  }

  const values = fieldValues(selection, fields, opts.json);
  if (opts.json) return jsonText(fieldJson(values));
  const text = fieldText(values, { id: selection.id, color: opts.color });
  return text ? printedText(text, { redact: true }) : '';
}
