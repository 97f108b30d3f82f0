import { BadEncodingError } from '../errors/bad-encoding-error';
import { errorDetails } from '../errors/error-details';
import type { RegistryRequest } from '../request/registry-request';
import { CONTENT_DECODERS, type ContentDecoder } from './content-decoders';
import { parseContentEncoding } from './parse-content-encoding';

/**
 * More codings than any server has a reason to stack; each is a pass over the
 * body. As curl and undici, after CVE-2022-32206.
 */
export const MAX_CONTENT_CODINGS = 5;

/**
 * The decoders that undo a response's Content-Encoding, in the order to apply
 * them (the last coding applied comes off first); empty for `identity` or no
 * header. Throws `EUNKNOWNENCODING` for a coding not in `CONTENT_DECODERS`
 * or a stack deeper than `MAX_CONTENT_CODINGS`.
 */
export function decodersFor(req: RegistryRequest, contentEncoding: string | undefined): ContentDecoder[] {
  const codings = parseContentEncoding(contentEncoding);
  const unknown = (reason: string) => new BadEncodingError('EUNKNOWNENCODING', contentEncoding ?? '', reason, errorDetails(req));
  if (codings.length > MAX_CONTENT_CODINGS) throw unknown(`the body is in ${codings.length} content codings, more than the ${MAX_CONTENT_CODINGS} rxnpm undoes`);
  return codings.reverse().map((coding) => {
    const decoder = CONTENT_DECODERS.get(coding);
    if (!decoder) throw unknown(`the body is in the content coding ${JSON.stringify(coding)}, which rxnpm cannot decode`);
    return decoder;
  });
}
