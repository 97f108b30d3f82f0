/**
 * Base64 of a byte stream, chunk by chunk: each chunk is encoded up to a
 * multiple of three bytes and the rest carried into the next, so the pieces
 * join into exactly the base64 of the whole.
 */
export async function* base64Chunks(bytes: AsyncIterable<Buffer>, onBytes?: (chunk: Buffer) => void): AsyncGenerator<string> {
  let carry = Buffer.alloc(0);
  for await (const chunk of bytes) {
    onBytes?.(chunk);
    const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const whole = joined.length - (joined.length % 3);
    if (whole > 0) yield joined.subarray(0, whole).toString('base64');
    carry = Buffer.from(joined.subarray(whole));
  }
  if (carry.length) yield carry.toString('base64');
}

/** The length of the base64 text of `size` bytes. */
export function base64Length(size: number): number {
  return Math.ceil(size / 3) * 4;
}
