import { TooDeepError } from '../../index';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../util/json-depth';
import { fieldJson, fieldText } from './field-output';
import { fieldValues } from './field-values';
import { jsonText } from './json-text';
import { normalizeViewOptions } from './normalize-view-options';
import { printedText } from './printed-text';
import { selectVersions } from './select-versions';
import { summaryView } from './summary-view';
import { textStyles } from './text-styles';

export { ViewError } from './view-error';

/** How `view` prints; the CLI decides each from its flags, the terminal and the environment. */
export interface ViewOptions {
  /** `--json`. */
  json: boolean;
  /** Colors, as npm uses them: on when stdout is a terminal (or `--color always`) and `NO_COLOR` is unset. */
  color: boolean;
  /** now, for "published 3 days ago" */
  now: Date;
  /**
   * terminal width for wrapping, default 80. npm 11's `view` wraps nothing to
   * the terminal (values go through `util.inspect`, which breaks at 80
   * columns whatever the width), so this is accepted and not used.
   */
  columns?: number;
  /** The dist-tag meant when the spec names no version (npm's `tag` setting). Default `latest`. */
  tag?: string;
  /**
   * npm's `unicode` setting, for the DEPRECATED line of the summary. npm turns
   * it on when `LC_ALL`, `LC_CTYPE` or `LANG` (the first one set) ends in
   * `UTF-8`. Default `false`.
   */
  unicode?: boolean;
  /**
   * The length in bytes of the packument response (e.g. `Buffer.byteLength(response.raw)`).
   * npm's fetcher adds it to the packument as `_contentLength`, so it shows in
   * `--json` output without fields; without it, that key is absent.
   */
  contentLength?: number;
}

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
