/**
 * Base64 of a byte stream, chunk by chunk: each chunk is encoded up to a
 * multiple of three bytes and the rest carried into the next, so the pieces
 * join into exactly the base64 of the whole.
 */
export async function* base64Chunks(bytes: AsyncIterable<Buffer>, onBytes?: (chunk: Buffer) => void): AsyncGenerator<string> {
  let carry = Buffer.alloc(0);
  for await (const chunk of bytes) {
    onBytes?.(chunk);
    let start = 0;
    if (carry.length > 0) {
      // Complete the carried bytes to a triple; joining them to the whole chunk would copy it.
      start = Math.min(3 - carry.length, chunk.length);
      carry = Buffer.concat([carry, chunk.subarray(0, start)]);
      if (carry.length < 3) continue;
      yield carry.toString('base64');
    }
    const end = start + Math.floor((chunk.length - start) / 3) * 3;
    if (end > start) yield chunk.subarray(start, end).toString('base64');
    carry = Buffer.from(chunk.subarray(end));
  }
  if (carry.length > 0) yield carry.toString('base64');
}

/** The length of the base64 text of `size` bytes. */
export function base64Length(size: number): number {
  return Math.ceil(size / 3) * 4;
}
