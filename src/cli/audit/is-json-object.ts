/** Whether a parsed JSON value is an object with keys (not null, not an array): what a lockfile or package.json field must be to be read. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
