import type { DocumentVariant } from './cache-entry';

/** What each document variant asks for, as npm sends it. */
export const ACCEPT: Readonly<Record<DocumentVariant, string>> = {
  full: 'application/json',
  corgi: 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*',
};
