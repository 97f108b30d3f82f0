import { Option, type Command } from 'commander';
import { catchError, defer, EMPTY, from, map, mergeMap, of, toArray, type Observable } from 'rxjs';
import type { SignatureAudit } from '../../index';
import { AUDIT_LEVELS, type AuditLevel } from '../audit/audit-levels';
import type { Vulnerability } from '../audit/advisory-report';
import type { InstalledVersions } from '../audit/lockfile-versions';
import type { CliContext } from '../context';
import { lazyRun, type Kit } from './lazy-run';
import type { Select } from './types';

const byName = (a: SignatureAudit, b: SignatureAudit): number => a.name.localeCompare(b.name, 'en');
const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);

/** `npm audit signatures`' report: what was audited, what verified, and each missing or invalid signature. */
function printSignatures(ctx: CliContext, audits: readonly SignatureAudit[], seconds: number): void {
  const audited = audits.filter((a) => a.status !== 'unsigned');
  const missing = audits.filter((a) => a.status === 'missing').sort(byName);
  const invalid = audits.filter((a) => a.status === 'invalid').sort(byName);
  const verified = audits.filter((a) => a.status === 'verified').length;
  const at = (a: SignatureAudit) => `${a.name}@${a.version} (${ctx.registry})`;
  ctx.print(`audited ${audited.length} ${plural(audited.length, 'package', 'packages')} in ${Math.floor(seconds)}s`);
  ctx.print('');
  if (verified > 0) {
    ctx.print(verified === 1 ? '1 package has a verified registry signature' : `${verified} packages have verified registry signatures`);
    ctx.print('');
  }
  if (missing.length > 0) {
    ctx.print(
      missing.length === 1
        ? '1 package has a missing registry signature but the registry is providing signing keys:'
        : `${missing.length} packages have missing registry signatures but the registry is providing signing keys:`,
    );
    ctx.print('');
    for (const a of missing) ctx.print(at(a));
  }
  if (invalid.length > 0) {
    if (missing.length > 0) ctx.print('');
    ctx.print(invalid.length === 1 ? '1 package has an invalid registry signature:' : `${invalid.length} packages have invalid registry signatures:`);
    ctx.print('');
    for (const a of invalid) ctx.print(at(a));
    ctx.print('');
    ctx.print(`Someone might have tampered with ${plural(invalid.length, 'this package', 'these packages')} since ${plural(invalid.length, 'it was', 'they were')} published on the registry!`);
    ctx.print('');
  }
}

/** One audited version; from the installed tree it has a place and the kind of dependency it is. */
interface Audited {
  readonly audit: SignatureAudit;
  readonly location?: string;
  readonly type?: string;
}

/** npm's `--json` entries, keys in npm's order: what was checked, where, and for an invalid signature, which key, which signature and why. */
function jsonEntry(ctx: CliContext, { audit: a, location, type }: Audited) {
  const where = { integrity: a.integrity, location, name: a.name, registry: ctx.registry, resolved: a.resolved };
  if (a.status !== 'invalid') return { ...where, version: a.version };
  return { code: a.error?.code, message: a.error?.message, integrity: a.integrity, keyid: a.error?.keyid, location, name: a.name, registry: ctx.registry, resolved: a.resolved, signature: a.error?.signature, type, version: a.version };
}

/** What to audit: the versions named, or with none named every package installed in the project, each at its place. */
function auditTargets(kit: Kit, ctx: CliContext, specs: readonly string[]): Observable<Audited[]> {
  if (specs.length > 0) return ctx.client.auditSignatures(specs, ctx.readOptions).pipe(map((audit) => ({ audit })), toArray());
  const root = ctx.config.localPrefix;
  return from(kit.installedPackages(root)).pipe(
    mergeMap((installed) => {
      if (installed.length === 0) throw new kit.CliError('EAUDIT', 'found no installed dependencies to audit');
      // Each name@version is asked about once, and reported at every place it is installed, as npm counts them.
      const ids = [...new Set(installed.map((p) => `${p.name}@${p.version}`))];
      return ctx.client.auditSignatures(ids, ctx.readOptions).pipe(
        toArray(),
        map((audits) => {
          const byId = new Map(audits.map((audit) => [`${audit.name}@${audit.version}`, audit]));
          return installed.flatMap((p): Audited[] => {
            const audit = byId.get(`${p.name}@${p.version}`);
            return audit ? [{ audit, location: p.location, type: p.type }] : [];
          });
        }),
      );
    }),
  );
}

/** `audit signatures [spec…]`: npm's report of registry signatures, of the versions named or else of the installed tree; exit code 1 when one is missing or invalid. */
function defineSignatures(audit: Command, select: Select): void {
  audit
    .command('signatures')
    .description("check the registry signatures of the given versions, or of the project's installed packages, against the registry's keys")
    .argument('[spec...]', 'name@version of each version to check (default: every package in ./node_modules)')
    .action((specs: string[], _options: unknown, command: Command) => {
      select(`audit signatures ${specs.join(' ')}`.trimEnd(), command, lazyRun((kit, ctx) =>
        defer(() => {
          const started = Date.now();
          return auditTargets(kit, ctx, specs).pipe(
            map((found) => {
              if (found.every(({ audit: a }) => a.status === 'unsigned')) throw new kit.CliError('EAUDIT', 'found no dependencies to audit that were installed from a supported registry');
              const byAuditName = (a: Audited, b: Audited) => byName(a.audit, b.audit);
              const missing = found.filter(({ audit: a }) => a.status === 'missing').sort(byAuditName);
              const invalid = found.filter(({ audit: a }) => a.status === 'invalid').sort(byAuditName);
              if (ctx.json) ctx.printJson({ invalid: invalid.map((a) => jsonEntry(ctx, a)), missing: missing.map((a) => jsonEntry(ctx, a)) });
              else printSignatures(ctx, found.map(({ audit: a }) => a), (Date.now() - started) / 1000);
              if (missing.length + invalid.length > 0) throw new kit.CliError('EAUDIT', `${missing.length} missing and ${invalid.length} invalid registry signatures`, {}, { reported: true });
            }),
          );
        }),
      ));
    });
}

/** The version each spec names, resolved through the registry when it is a range or a tag; specs have no place in a tree. */
function specVersions({ parsePackageSpec }: Kit, ctx: CliContext, specs: readonly string[]): Observable<InstalledVersions> {
  return from(specs).pipe(
    mergeMap((spec) => {
      const parsed = parsePackageSpec(spec);
      if (parsed.version !== undefined) return of({ name: parsed.name, version: parsed.version });
      return ctx.client.manifest(spec, ctx.readOptions).pipe(map((m) => ({ name: m.name, version: m.version })));
    }, 8),
    toArray(),
    map((found) => {
      const installed: InstalledVersions = new Map();
      for (const { name, version } of found) installed.set(name, (installed.get(name) ?? new Map<string, string[]>()).set(version, []));
      return installed;
    }),
  );
}

/** The query the bulk endpoint takes: each name with its versions. */
const queryOf = (installed: InstalledVersions) => Object.fromEntries([...installed].map(([name, versions]) => [name, [...versions.keys()]]));

/** The vulnerabilities of versions named on the command line: they have no place in a tree, and so no fix to tell. */
function specVulnerabilities(kit: Kit, ctx: CliContext, specs: readonly string[]): Observable<Vulnerability[]> {
  return specVersions(kit, ctx, specs).pipe(
    mergeMap((installed) =>
      ctx.client.advisories(queryOf(installed)).pipe(
        map((found) => {
          const affected = [...(installed.get(found.name) ?? [])].filter(([version]) => found.advisories.some((a) => kit.semver.satisfies(version, a.vulnerable_versions)));
          return kit.vulnerabilityOf(found, affected.flatMap(([, nodes]) => nodes));
        }),
        toArray(),
      ),
    ),
  );
}

/** The vulnerabilities of a lockfile's versions, as `npm audit --package-lock-only` reports them: each vulnerable package's packument tells its range and fix. */
function lockedVulnerabilities(kit: Kit, ctx: CliContext, lockfile: string): Observable<Vulnerability[]> {
  return from(kit.readLockfile(lockfile)).pipe(
    mergeMap((lock) => {
      const installed = kit.versionsInLock(lock);
      const dependents = kit.lockfileDependents(lock);
      return ctx.client.advisories(queryOf(installed)).pipe(
        mergeMap((found) => {
          const locked = installed.get(found.name);
          // advisories() emits only the packages it was asked about, so each is locked; an answer naming another is dropped there and asks for nothing.
          if (locked === undefined) return EMPTY;
          return defer(() => ctx.client.get(`/${kit.parsePackageSpec(found.name).escapedName}`, ctx.readOptions)).pipe(
            map(({ data }) => data),
            // npm takes a packument it cannot get as one without versions: every version affected, no fix.
            catchError(() => of({ name: found.name, versions: {} })),
            map((packument) => kit.lockedVulnerability({ found, installed: locked, dependents, packument })),
          );
        }, 8),
        toArray(),
        map((vulns) => vulns.filter((v): v is Vulnerability => v !== undefined)),
      );
    }),
  );
}

const isAuditLevel = (value: unknown): value is AuditLevel => AUDIT_LEVELS.some((level) => level === value);

/** `audit advisories [spec…] [--lockfile [path]]`: npm audit's report for the versions named or locked, exit code 1 at or above `--audit-level`. */
function defineAdvisories(audit: Command, select: Select): void {
  audit
    .command('advisories')
    .description('list the known vulnerabilities of the given versions, or of those a package-lock.json installs')
    .argument('[spec...]', 'name@version of each version to check')
    .option('--lockfile [path]', 'read the versions from a package-lock.json (default: ./package-lock.json)')
    .addOption(new Option('--audit-level <level>', 'the least severity that makes the command fail (default: low)').choices(AUDIT_LEVELS))
    .action((specs: string[], options: { lockfile?: string | true; auditLevel?: AuditLevel }, command: Command) => {
      select(`audit advisories ${specs.join(' ')}`.trimEnd(), command, lazyRun((kit, ctx) =>
        defer(() => {
          if (specs.length === 0 && options.lockfile === undefined) throw new kit.CliError('EUSAGE', 'name the versions to check, or give --lockfile');
          const configured = ctx.config.get('audit-level');
          const level: AuditLevel = options.auditLevel ?? (isAuditLevel(configured) ? configured : 'low');
          const lockfile = options.lockfile === true ? 'package-lock.json' : options.lockfile;
          return (lockfile === undefined ? specVulnerabilities(kit, ctx, specs) : lockedVulnerabilities(kit, ctx, lockfile)).pipe(
            map((found) => {
              const vulns = found.sort((a, b) => a.name.localeCompare(b.name, 'en'));
              if (ctx.json) ctx.printJson(kit.advisoryJson(vulns));
              else for (const line of kit.advisoryReport(vulns)) ctx.print(line);
              if (kit.failsAt(vulns, level)) throw new kit.CliError('EAUDIT', `${vulns.length} vulnerable ${vulns.length === 1 ? 'package' : 'packages'} at or above audit-level ${level}`, {}, { reported: true });
            }),
          );
        }),
      ));
    });
}

/** `audit signatures`, `audit advisories`: npm's audits of versions named on the command line. */
export function defineAudit(program: Command, select: Select): void {
  const audit = program.command('audit').description('check versions for registry signatures or known vulnerabilities');
  defineSignatures(audit, select);
  defineAdvisories(audit, select);
}
