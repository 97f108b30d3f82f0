import { STATUS_CODES } from 'node:http';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../index';
import { factOf as fact } from './fact-of';

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** What to do next, for the failures that have an obvious next step. */
function hintFor(code: string): string | undefined {
  switch (code) {
    case 'EOTP':
      return 'this needs a one-time password from your authenticator: run it again with --otp <code>';
    case 'ENOTCACHED':
      return 'run it again without --offline';
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'is the registry URL right? (--registry, or registry= in .npmrc)';
    default:
      return undefined;
  }
}

/**
 * The one line printed for a failed command: what failed (the command and
 * its arguments), why (the error's message, which for an HTTP error carries
 * the status, the request and the registry's own words), the status and the
 * stable code, and a hint when there is an obvious next step.
 */
export function errorLine(what: string, error: unknown): string {
  const found = fact(error, 'code');
  const code = typeof found === 'string' ? found : undefined;
  const status = fact(error, 'statusCode');
  const given = fact(error, 'message');
  let message = oneLine(typeof given === 'string' && given ? given : String(error));
  // HTTP errors say their status first; anything else that carries one gets it said.
  if (typeof status === 'number' && !message.includes(String(status))) message = `${status} ${STATUS_CODES[status] ?? ''} - ${message}`;
  const hint = code ? hintFor(code) : undefined;
  return `rxnpm ${what}: ${message}${code ? ` (${code})` : ''}${hint ? `; ${hint}` : ''}`;
}

/** The details shown under the line at `--loglevel verbose`: the stack, and the registry's whole answer. */
export function errorDetails(error: unknown): string {
  const stack = fact(error, 'stack');
  const body = fact(error, 'body');
  const lines: string[] = [];
  if (typeof stack === 'string') lines.push(stack);
  if (body === undefined) return lines.join('\n');
  if (typeof body === 'string') lines.push(`body: ${body}`);
  else if (nestedDeeperThan(body)) lines.push(`body: (JSON nested more than ${MAX_JSON_DEPTH} levels deep, not shown)`);
  else lines.push(`body: ${JSON.stringify(body)}`);
  return lines.join('\n');
}
