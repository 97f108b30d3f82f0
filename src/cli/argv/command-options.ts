import type { Command } from 'commander';

/** An option a command declares, as npm's parser is told about it. */
export interface CommandOption {
  /** Its long name, npm's configuration key (`output` for `--output`). */
  readonly key: string;
  /** The one letter of its short form (`o` for `-o`), if any. */
  readonly short?: string;
  readonly takesValue: boolean;
  /** The value may be left out (`--lockfile [path]`): given alone, or before another flag, it is `true`. */
  readonly valueOptional?: boolean;
  /** The commands (`view`, `dist-tag add`) that take it. */
  readonly commands: readonly string[];
}

/** A command's name with its parents', as typed: `dist-tag add`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

function subcommands(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...subcommands(sub)]);
}

/**
 * The options rxnpm's commands declare (`view --watch`, `fetch -o`), listed
 * once however many commands share one, so npm's parser, which reads every
 * flag, knows their types. The program's own options are npm's global flags
 * and are not listed.
 */
export function commandOptions(program: Command): CommandOption[] {
  const found = new Map<string, CommandOption>();
  for (const command of subcommands(program)) {
    for (const option of command.options) {
      const key = option.long?.replace(/^--/, '');
      if (!key) continue;
      const known = found.get(key);
      const commands = [...(known?.commands ?? []), commandPath(command)];
      const short = option.short?.replace(/^-/, '') ?? known?.short;
      found.set(key, { key, takesValue: option.required || option.optional, ...(option.optional ? { valueOptional: true } : {}), commands, ...(short === undefined ? {} : { short }) });
    }
  }
  return [...found.values()];
}
