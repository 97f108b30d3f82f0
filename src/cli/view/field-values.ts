import { queryField } from './query-field';
import type { ViewSelection } from './select-versions';

/** Version → field label → value: what `npm view <spec> <field>…` found, before printing. */
export type FieldValues = Record<string, Record<string, unknown>>;

/**
 * Looks up the field arguments in every selected version, as npm does. A
 * version none of whose fields exist is left out (so it gets no
 * `name@version` prefix either); a field that is missing is left out of its
 * version; with no fields each version maps to its whole document, under the
 * empty label.
 */
export function fieldValues(selection: ViewSelection, fields: readonly string[], json: boolean): FieldValues {
  const values: FieldValues = {};
  for (const { key, document } of selection.versions) {
    if (fields.length === 0) {
      values[key] = { ...document };
      continue;
    }
    for (const field of fields) {
      const found = queryField(document, field, { unwrapSingleItemArrays: !json });
      if (found) Object.assign((values[key] ??= {}), found);
    }
  }
  return values;
}
