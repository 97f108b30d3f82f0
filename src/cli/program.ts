import { Command } from 'commander';
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
import type { Run, Select } from './commands/types';
import { defineUnpublish } from './commands/unpublish';
import { defineView } from './commands/view';
import { defineWhoami } from './commands/whoami';

/** The command the user asked for. */
export interface Invocation {
  /** The command and its arguments, to name what failed. */
  readonly what: string;
  readonly run: Run;
}

/** Every command rxnpm has, in one place: each entry declares its commands on the program. */
const COMMANDS: ReadonlyArray<(program: Command, select: Select) => void> = [
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
];

/**
 * The flags shown in `--help`. Commander never parses them: npm's parser
 * reads every flag npm defines (see `parseCommandLine`), these among them.
 */
function globalOptions(program: Command): Command {
  return program
    .option('--registry <url>', 'registry URL (default: the registry setting of your npm configuration)')
    .option('--cache <folder>', "rxnpm's cache folder (default: $XDG_CACHE_HOME/rxnpm or ~/.cache/rxnpm)")
    .option('--offline', 'never use the network: answer from the cache or fail')
    .option('--prefer-offline', 'use cached data however old; ask the network only for what is missing')
    .option('--prefer-online', 'revalidate cached data, however fresh')
    .option('--otp <code>', 'one-time password from your authenticator, for writes')
    .option('--json', 'print JSON results')
    .option('--http2 [boolean]', 'offer HTTP/2 to https registries (default: true; --http2=false turns it off)')
    .option('--loglevel <level>', 'what to log on stderr: silent, error, warn, notice, http, info, verbose, silly (-s, -q, -d, -dd, -ddd as in npm)')
    .addHelpText('after', '\nEvery other flag of npm\'s configuration is taken as npm takes it (`npm help config`), e.g. --userconfig, --fetch-retries, --strict-ssl.');
}

/**
 * The command line: npm's command names, arguments and output. Commander
 * knows the commands, their arguments and their own options; every flag is
 * read by npm's parser first. Parsing calls `select` with the chosen command.
 * Commander throws instead of exiting, so that a usage error is printed as
 * every other error is.
 */
export function createProgram(select: (invocation: Invocation) => void): Command {
  const program = new Command('rxnpm')
    .description('a reactive npm registry client: view, publish, tag, star and fetch packages')
    .version(version, '-v, --version')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: true })
    // Each command reads its own words and options: nothing of a command's is the program's.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  globalOptions(program);

  const choose: Select = (what, _command, run) => select({ what, run });
  for (const define of COMMANDS) define(program, choose);
  return program;
}
