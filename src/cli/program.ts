import { Command, Option } from 'commander';
import { version } from '../../package.json';
import { defineAccess } from './commands/access';
import { defineAudit } from './commands/audit';
import { defineOrg } from './commands/org';
import { defineTeam } from './commands/team';
import { defineDeprecate } from './commands/deprecate';
import { defineDistTag } from './commands/dist-tag';
import { defineFetch } from './commands/fetch';
import { defineLogin } from './commands/login';
import { defineLogout } from './commands/logout';
import { defineOwner } from './commands/owner';
import { definePing } from './commands/ping';
import { defineProfile } from './commands/profile';
import { definePublish } from './commands/publish';
import { defineSearch } from './commands/search';
import { defineStar } from './commands/star';
import { defineStars } from './commands/stars';
import { defineToken } from './commands/token';
import type { Run } from './commands/types';
import { defineUnpublish } from './commands/unpublish';
import { defineView } from './commands/view';
import { defineWhoami } from './commands/whoami';
import type { GlobalFlags } from './config/global-flags';
import { LOG_LEVELS } from './output/stderr-logger';

/** The command the user asked for, with the flags that apply to it. */
export interface Invocation {
  /** The command and its arguments, to name what failed. */
  readonly what: string;
  readonly flags: GlobalFlags;
  readonly run: Run;
}

function globalOptions(program: Command): Command {
  return program
    .option('--registry <url>', 'registry URL (default: the registry setting of your npm configuration)')
    .option('--cache <folder>', "rxnpm's cache folder (default: $XDG_CACHE_HOME/rxnpm or ~/.cache/rxnpm)")
    .option('--offline', 'never use the network: answer from the cache or fail')
    .option('--prefer-offline', 'use cached data however old; ask the network only for what is missing')
    .option('--prefer-online', 'revalidate cached data, however fresh')
    .option('--otp <code>', 'one-time password from your authenticator, for writes')
    .option('--json', 'print JSON results')
    // npm's style: `--http2` alone is true, `--http2=false` turns it off.
    .option('--http2 [boolean]', 'offer HTTP/2 to https registries (default: true)', (value: string) => value !== 'false')
    .addOption(new Option('--loglevel <level>', 'what to log on stderr (http shows each request)').choices(LOG_LEVELS));
}

/**
 * The command line: npm's command names, arguments and output, with the
 * global flags on every command. Parsing calls `select` with the chosen
 * command; `--help` and usage errors are handled by commander.
 */
export function createProgram(select: (invocation: Invocation) => void): Command {
  const program = new Command('rxnpm')
    .description('a reactive npm registry client: view, publish, tag, star and fetch packages')
    .version(version, '-v, --version')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: true })
    .showHelpAfterError('(add --help for usage)');
  globalOptions(program);

  const choose = (what: string, command: Command, run: Run) => select({ what, flags: command.optsWithGlobals<GlobalFlags>(), run });
  for (const define of [
    defineView,
    defineSearch,
    definePublish,
    defineUnpublish,
    defineDistTag,
    defineStar,
    defineStars,
    defineDeprecate,
    defineOwner,
    defineWhoami,
    definePing,
    defineLogin,
    defineLogout,
    defineFetch,
    defineToken,
    defineProfile,
    defineAudit,
    defineOrg,
    defineTeam,
    defineAccess,
  ]) {
    define(program, choose);
  }
  return program;
}
