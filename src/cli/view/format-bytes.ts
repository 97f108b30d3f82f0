/** Bytes the way npm prints sizes: decimal units up to GB, one decimal place above bytes. */
export function formatBytes(bytes: number, space = true): string {
  const spacer = space ? ' ' : '';
  if (bytes < 1000) return `${bytes}${spacer}B`;
  // The thresholds sit just below the next unit so that rounding never prints "1000.0 kB".
  if (bytes < 999950) return `${(bytes / 1000).toFixed(1)}${spacer}kB`;
  if (bytes < 999950000) return `${(bytes / 1000000).toFixed(1)}${spacer}MB`;
  return `${(bytes / 1000000000).toFixed(1)}${spacer}GB`;
}
