import { inspect } from 'node:util';
import type { FieldValues } from './field-values';
import { peopleAsText } from './people-as-text';

export interface FieldOutputOptions {
  /** The packument's `_id`, for `name@version` prefixes. */
  readonly id: string;
  readonly color: boolean;
}

/**
 * The text npm's `view` prints for field values (before its line endings):
 * a lone string as it is; otherwise values as `util.inspect` shows them;
 * `field = ` before each value once one version has several fields, and
 * `name@version ` before each line when several versions have values. An
 * empty string when there is nothing to print.
 */
export function fieldText(values: FieldValues, { id, color }: FieldOutputOptions): string {
  const versions = Object.keys(values);
  const withVersions = versions.length > 1;
  // As in npm, labels switch on at the first version with several fields and stay on for the rest.
  let withLabels = false;

  const lines = versions.flatMap((version) => {
    const entries = Object.entries(values[version]);
    withLabels ||= entries.length > 1;
    return entries.map(([field, raw]) => {
      const value = peopleAsText(raw);
      const shown = withVersions || withLabels || typeof value !== 'string' ? inspect(value, { showHidden: false, depth: 5, colors: color, maxArrayLength: null }) : value;
      const label = field && withLabels ? `${field} = ` : '';
      return `${withVersions ? `${id}@${version} ` : ''}${label}${shown}`;
    });
  });
  return lines.join('\n').trim();
}

/**
 * The value npm's `view --json` prints for field values: with one field, that
 * field's value (one version) or the list of its values (several versions);
 * with several fields or none, an object per version (one, or a list).
 * `undefined` when there is nothing to print.
 */
export function fieldJson(values: FieldValues): unknown {
  const perVersion = Object.values(values).map((fields) => {
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(fields)) out[field] = peopleAsText(value);
    return out;
  });
  // npm decides from the first version alone whether to unwrap the single field.
  const first = Object.keys(perVersion[0] ?? {});
  const result = first.length === 1 ? perVersion.map((fields) => fields[first[0]]) : perVersion;
  if (result.length === 0) return undefined;
  return result.length === 1 ? result[0] : result;
}
