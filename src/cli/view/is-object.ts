/** Whether npm's `view` would look properties up in `value`: any object, arrays included. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
