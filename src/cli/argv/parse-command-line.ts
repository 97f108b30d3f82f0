import { CommanderError, type Command } from 'commander';
import { isCommandOnlyKey, type NpmConfig } from '../config/load-npm-config';
import { CliError } from '../output/cli-error';
import { commandPath, type CommandOption } from './command-options';
import { quoteArg } from './quote-arg';

/** The words npm's parser left (command, subcommand, arguments), with those typed after `--`, which stay words whatever they look like. */
interface Words {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

function wordsOf(config: NpmConfig): Words {
  const { remain, cooked } = config.parsedArgv;
  const dashes = cooked.indexOf('--');
  const after = dashes < 0 ? 0 : cooked.length - dashes - 1;
  return { before: remain.slice(0, remain.length - after), after: remain.slice(remain.length - after) };
}

/** The command line as typed, to name what failed: the words, quoted where a shell needs it (`view "a b"`), else the flags. */
export function typedCommandLine(config: NpmConfig): string {
  const { before, after } = wordsOf(config);
  const words = [...before, ...after];
  return (words.length > 0 ? words : config.parsedArgv.original).map(quoteArg).join(' ');
}

/** The command the words name: a subcommand as deep as they go (`dist-tag add`), else the program itself. */
function chosenCommand(program: Command, words: readonly string[]): Command {
  let command = program;
  for (const word of words) {
    const sub = command.commands.find((candidate) => candidate.name() === word || candidate.aliases().includes(word));
    if (!sub) break;
    command = sub;
  }
  return command;
}

/** A key npm's loader does not know (it would say `Unknown cli config`); per-registry keys (`//host/:_authToken`) are known by their last part. */
function isUnknownKey(config: NpmConfig, key: string): boolean {
  if (Object.hasOwn(config.definitions, key) || config.get(key, 'default') !== undefined) return false;
  const base = key.split(':').pop() ?? key;
  return !key.includes(':') || (!Object.hasOwn(config.definitions, base) && !config.nerfDarts.includes(base));
}

/**
 * The flags given that the chosen command cannot take: keys npm does not
 * define at all, and the options of rxnpm's commands (`--watch`) given to
 * another command. npm's own keys are taken by every command, as in npm.
 */
function refusedFlags(config: NpmConfig, options: readonly CommandOption[], chosen: string): string[] {
  const own = new Map(options.map((option) => [option.key, option.commands]));
  return Object.keys(config.data.get('cli')?.data ?? {}).filter((key) => {
    if (isCommandOnlyKey(config, key)) return !own.get(key)?.includes(chosen);
    return isUnknownKey(config, key);
  });
}

/** A flag as the user typed it (`--no-such-flag`, `-x`), found from the key npm's parser made of it. */
function typedFlag(config: NpmConfig, key: string): string {
  const forms = new Set([`--${key}`, `--no-${key}`, `-${key}`]);
  return config.parsedArgv.original.map((arg) => arg.split('=')[0]).find((name) => forms.has(name)) ?? `--${key}`;
}

/** The chosen command's own options as commander reads them, from what npm's parser found on the command line. */
function optionArgs(config: NpmConfig, command: Command): string[] {
  return command.options.flatMap((option) => {
    const key = option.long?.replace(/^--/, '');
    if (!key || config.find(key) !== 'cli') return [];
    const value = config.get(key, 'cli');
    const values = Array.isArray(value) ? value : [value];
    // nopt's "true" for an option whose value was left out (`--lockfile` alone) is the flag alone for commander.
    const alone = (one: unknown) => one === true || (option.optional && one === 'true');
    return values.flatMap((one) => (alone(one) ? [`--${key}`] : one === false || one === null || one === undefined ? [] : [`--${key}=${String(one)}`]));
  });
}

/**
 * Runs commander on what npm's parser made of the command line: commander
 * picks the command and checks its arguments (and prints `--help`), npm's
 * parser has read every flag. Calls the command's action, which selects what
 * runs, and returns; returns an exit code when commander has finished the
 * work itself (help). Usage errors (an unknown command or flag, a missing
 * argument) are thrown as EUSAGE.
 */
export function parseCommandLine(program: Command, config: NpmConfig, options: readonly CommandOption[]): number | undefined {
  const { before, after } = wordsOf(config);
  const command = chosenCommand(program, before);
  const refused = refusedFlags(config, options, commandPath(command));
  if (refused.length > 0) throw new CliError('EUSAGE', `unknown option '${typedFlag(config, refused[0])}'`);

  const help = config.find('usage') === 'cli' && config.get('usage') === true ? ['--help'] : [];
  const args = [...before, ...optionArgs(config, command), ...help, ...(after.length > 0 ? ['--', ...after] : [])];
  try {
    program.parse(args, { from: 'user' });
    return undefined;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return error.exitCode;
    throw new CliError('EUSAGE', error.message.replace(/^error: /, ''));
  }
}
