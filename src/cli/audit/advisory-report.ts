import type { Advisory, PackageAdvisories, Severity } from '../../index';
import { AUDIT_LEVELS, type AuditLevel } from './audit-levels';
import type { FixAvailable } from './fix-available';

const rank = (level: AuditLevel): number => AUDIT_LEVELS.indexOf(level);

/** One vulnerable package, as npm's audit report names it. */
export interface Vulnerability {
  readonly name: string;
  readonly severity: Severity;
  readonly via: Advisory[];
  readonly range: string;
  readonly nodes: string[];
  /** From a lockfile: whether the project depends on it directly. */
  readonly isDirect?: boolean;
  /** From a lockfile, when rxnpm can tell: how `npm audit fix` would fix it. */
  readonly fixAvailable?: FixAvailable;
}

/** A package's vulnerability: its most severe advisory's severity, and every affected range. */
export function vulnerabilityOf({ name, advisories }: PackageAdvisories, nodes: string[]): Vulnerability {
  const severity = advisories.reduce<Severity>((worst, a) => (rank(a.severity) > rank(worst) ? a.severity : worst), 'info');
  return { name, severity, via: advisories, range: [...new Set(advisories.map((a) => a.vulnerable_versions))].join(' || '), nodes };
}

/** Vulnerable packages by severity, as npm's `metadata.vulnerabilities`. */
export function countBySeverity(vulns: readonly Vulnerability[]): Record<Severity | 'total', number> {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: vulns.length };
  for (const v of vulns) counts[v.severity] += 1;
  return counts;
}

/** npm's exit code rule: 1 when a vulnerability is at or above `level`. */
export function failsAt(vulns: readonly Vulnerability[], level: AuditLevel): boolean {
  return vulns.some((v) => rank(v.severity) >= rank(level));
}

/** npm's summary line: `found 0 vulnerabilities`, `1 high severity vulnerability`, `3 vulnerabilities (1 low, 2 high)`. */
function summary(vulns: readonly Vulnerability[]): string {
  const counts = countBySeverity(vulns);
  if (counts.total === 0) return 'found 0 vulnerabilities';
  const present = (['low', 'moderate', 'high', 'critical'] as const).filter((s) => counts[s] > 0);
  if (present.length > 1) return `${counts.total} vulnerabilities (${present.map((s) => `${counts[s]} ${s}`).join(', ')})`;
  const [only = 'info'] = present;
  const count = present.length === 0 ? counts.total : counts[only];
  return `${count} ${only} severity vulnerabilit${count === 1 ? 'y' : 'ies'}`;
}

/** npm's advice after the summary: which `npm audit fix` addresses what, and what needs review. */
function advice(vulns: readonly Vulnerability[]): string[] {
  const fixable = vulns.some((v) => v.fixAvailable === true);
  const unfixable = vulns.some((v) => v.fixAvailable === false);
  const forced = vulns.flatMap((v) => (typeof v.fixAvailable === 'object' ? [v.fixAvailable] : []));
  const lines: string[] = [];
  if (fixable) lines.push('', `To address ${forced.length > 0 || unfixable ? 'issues that do not require attention' : 'all issues'}, run:`, '  npm audit fix');
  if (forced.length > 0) {
    const breaking = forced.some((f) => f.isSemVerMajor);
    lines.push('', `To address all issues${unfixable ? ' possible' : ''}${breaking ? ' (including breaking changes)' : ''}, run:`, '  npm audit fix --force');
  }
  if (unfixable) lines.push('', 'Some issues need review, and may require choosing', 'a different dependency.');
  return lines;
}

/** npm's line for a fix, when rxnpm knows it. */
function fixLines(fix: FixAvailable | undefined): string[] {
  if (fix === undefined) return [];
  if (fix === false) return ['No fix available'];
  if (fix === true) return ['fix available via `npm audit fix`'];
  return ['fix available via `npm audit fix --force`', `Will install ${fix.name}@${fix.version}, which is ${fix.isSemVerMajor ? 'a breaking change' : 'outside the stated dependency range'}`];
}

/** npm audit's detail report; the fix lines and advice only where the fix is known (from a lockfile). */
export function advisoryReport(vulns: readonly Vulnerability[]): string[] {
  if (vulns.length === 0) return [summary(vulns)];
  const lines = ['# npm audit report', ''];
  for (const v of vulns) {
    lines.push(`${v.name}  ${v.range}`);
    // npm leaves the line out for low severity.
    if (v.severity !== 'low') lines.push(`Severity: ${v.severity}`);
    for (const a of v.via) lines.push(`${a.title} - ${a.url}`);
    lines.push(...fixLines(v.fixAvailable), ...v.nodes, '');
  }
  lines.push(summary(vulns), ...advice(vulns));
  return lines;
}

/** npm audit's `--json` report (auditReportVersion 2), for the packages asked about. */
export function advisoryJson(vulns: readonly Vulnerability[]) {
  const vulnerabilities = Object.fromEntries(
    vulns.map((v) => [
      v.name,
      {
        name: v.name,
        severity: v.severity,
        ...(v.isDirect === undefined ? {} : { isDirect: v.isDirect }),
        via: v.via.map((a) => ({ source: a.id, name: v.name, dependency: v.name, title: a.title, url: a.url, severity: a.severity, cwe: a.cwe, cvss: a.cvss, range: a.vulnerable_versions })),
        effects: [],
        range: v.range,
        nodes: v.nodes,
        ...(v.fixAvailable === undefined ? {} : { fixAvailable: v.fixAvailable }),
      },
    ]),
  );
  return { auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: countBySeverity(vulns) } };
}
