import type { PackageSpec } from '../../index';
import { CliError } from '../output/cli-error';

/** The one version `spec` names (`name@1.2.3`), for the commands that act on one; a range or a tag is EUSAGE. */
export function oneVersion(spec: string, parsed: PackageSpec): string {
  if (parsed.version === undefined) throw new CliError('EUSAGE', `${JSON.stringify(spec)} must name one version, e.g. ${parsed.name}@1.0.0`);
  return parsed.version;
}
