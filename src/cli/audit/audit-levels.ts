import type { Severity } from '../../index';

/** `--audit-level`: the least severity that fails the command; `none` never does (npm's default is `low`). */
export type AuditLevel = Severity | 'none';

/**
 * The levels, least severe first. Written out rather than built from the
 * library's `SEVERITIES`: the command's definition needs them, and
 * definitions load no library value (see `lazyRun`); the check below keeps
 * the two lists the same.
 */
export const AUDIT_LEVELS = ['info', 'low', 'moderate', 'high', 'critical', 'none'] as const satisfies readonly AuditLevel[];

type Missing = Exclude<AuditLevel, (typeof AUDIT_LEVELS)[number]>;
/** Fails to compile when the library gains a severity this list lacks. */
export const EVERY_SEVERITY_LISTED: [Missing] extends [never] ? true : never = true;
