import { gzipSync } from 'node:zlib';
import { defer, from, map, mergeMap, type Observable } from 'rxjs';
import { BadResponseError } from '../errors/bad-response-error';
import { UsageError } from '../errors/usage-error';
import { createRequest } from '../request/create-request';
import { send } from '../request/send';
import { ownRecord, ownValue } from '../util/own-record';
import type { OperationContext } from './operation-context';
import { packagePath } from '../spec/package-path';

/** npm's severity levels, least severe first (`--audit-level` compares by this order). */
export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One advisory as the bulk endpoint answers it. */
export interface Advisory {
  readonly id: number;
  readonly url: string;
  readonly title: string;
  readonly severity: Severity;
  /** The semver range of the affected versions. */
  readonly vulnerable_versions: string;
  readonly cwe: string[];
  readonly cvss?: { readonly score: number; readonly vectorString: string | null };
}

/** The advisories of one package asked about. */
export interface PackageAdvisories {
  readonly name: string;
  readonly advisories: Advisory[];
}

/** Names and the versions of each to ask about, as the bulk endpoint takes them: `{ name: [versions…] }`. */
export type AdvisoryQuery = Readonly<Record<string, readonly string[]>>;

const MAX_TEXT = 4096;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length <= MAX_TEXT ? value : undefined);
const isSeverity = (value: unknown): value is Severity => SEVERITIES.some((s) => s === value);

/** An advisory, if the registry's entry is one; anything else is left out. */
function advisoryOf(entry: unknown): Advisory | undefined {
  const id = ownValue(entry, 'id');
  const severity = ownValue(entry, 'severity');
  const [url, title, range] = ['url', 'title', 'vulnerable_versions'].map((key) => text(ownValue(entry, key)));
  if (typeof id !== 'number' || !isSeverity(severity) || url === undefined || title === undefined || range === undefined) return undefined;
  const cwe = ownValue(entry, 'cwe');
  const cvss = ownValue(entry, 'cvss');
  const score = ownValue(cvss, 'score');
  const vector = text(ownValue(cvss, 'vectorString')) ?? null;
  return {
    id,
    url,
    title,
    severity,
    vulnerable_versions: range,
    cwe: Array.isArray(cwe) ? cwe.filter((c): c is string => text(c) !== undefined) : [],
    ...(typeof score === 'number' ? { cvss: { score, vectorString: vector } } : {}),
  };
}

function checkedQuery(packages: AdvisoryQuery): Record<string, string[]> {
  const body: Record<string, string[]> = {};
  for (const [name, versions] of Object.entries(packages ?? {})) {
    packagePath(name);
    if (!Array.isArray(versions) || versions.some((v) => typeof v !== 'string')) throw new UsageError(`advisories: the versions of ${name} must be a list of strings`);
    body[name] = [...versions];
  }
  return body;
}

/**
 * The advisories that affect the given versions, from the bulk advisory
 * endpoint npm audit uses (`POST /-/npm/v1/security/advisories/bulk`, body
 * gzip-compressed as npm sends it). Emits one `PackageAdvisories` per package
 * the registry names an advisory for, among those asked about.
 *
 * @example
 * client.advisories({ lodash: ['4.17.20'] }).subscribe(({ name, advisories }) => console.log(name, advisories.map((a) => a.title)));
 */
export function advisories(ctx: OperationContext, packages: AdvisoryQuery): Observable<PackageAdvisories> {
  return defer(() => {
    const body = checkedQuery(packages);
    const req = createRequest(ctx.config, 'POST', '/-/npm/v1/security/advisories/bulk', gzipSync(JSON.stringify(body))).clone({ setHeaders: { 'content-encoding': 'gzip' } });
    return send<unknown>(ctx.handle, req, ctx.session.secrets);
  }).pipe(
    map(({ data }) => {
      if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new BadResponseError('the bulk advisory endpoint did not answer with an object of packages');
      const asked = new Set(Object.keys(packages));
      return Object.entries(ownRecord(data)).flatMap(([name, listed]) =>
        asked.has(name) && Array.isArray(listed) ? [{ name, advisories: listed.map(advisoryOf).filter((a): a is Advisory => a !== undefined) }] : [],
      );
    }),
    mergeMap((found) => from(found)),
  );
}
