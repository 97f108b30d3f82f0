import type { Command } from 'commander';
import { defer, map, toArray } from 'rxjs';
import type { SignatureAudit } from '../../index';
import type { CliContext } from '../context';
import { CliError } from '../output/cli-error';
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

/** npm's `--json` entries: what was checked, and for an invalid signature, which key and why. */
function jsonEntry(ctx: CliContext, a: SignatureAudit) {
  return { name: a.name, version: a.version, registry: ctx.registry, integrity: a.integrity, resolved: a.resolved, ...(a.status === 'invalid' ? { code: a.error?.code, message: a.error?.message, keyid: a.error?.keyid } : {}) };
}

/** `audit signatures <spec…>`: npm's report of registry signatures, exit code 1 when one is missing or invalid. */
function defineSignatures(audit: Command, select: Select): void {
  audit
    .command('signatures')
    .description("check the registry signatures of the given versions against the registry's keys")
    .argument('<spec...>', 'name@version of each version to check')
    .action((specs: string[], _options: unknown, command: Command) => {
      select(`audit signatures ${specs.join(' ')}`, command, (ctx) =>
        defer(() => {
          const started = Date.now();
          return ctx.client.auditSignatures(specs, ctx.readOptions).pipe(
            toArray(),
            map((audits) => {
              if (audits.every((a) => a.status === 'unsigned')) throw new CliError('EAUDIT', 'found no dependencies to audit that were installed from a supported registry');
              const missing = audits.filter((a) => a.status === 'missing');
              const invalid = audits.filter((a) => a.status === 'invalid');
              if (ctx.json) ctx.printJson({ invalid: invalid.sort(byName).map((a) => jsonEntry(ctx, a)), missing: missing.sort(byName).map((a) => jsonEntry(ctx, a)) });
              else printSignatures(ctx, audits, (Date.now() - started) / 1000);
              if (missing.length + invalid.length > 0) throw new CliError('EAUDIT', `${missing.length} missing and ${invalid.length} invalid registry signatures`);
            }),
          );
        }),
      );
    });
}

/** `audit signatures`, `audit advisories`: npm's audits of versions named on the command line. */
export function defineAudit(program: Command, select: Select): void {
  const audit = program.command('audit').description('check versions for registry signatures or known vulnerabilities');
  defineSignatures(audit, select);
}
