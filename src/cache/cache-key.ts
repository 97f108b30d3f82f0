import type { DocumentVariant } from './cache-entry';

/** The store key of a GET: the URL and which variant of the document was asked for. */
export function cacheKey(url: string, variant: DocumentVariant): string {
  return `rxnpm:get:${variant}:${url}`;
}
