/** Retry settings that keep the real backoff in the tens of milliseconds. */
export const FAST_RETRY = Object.freeze({ 'fetch-retry-mintimeout': 10, 'fetch-retry-maxtimeout': 50 });
