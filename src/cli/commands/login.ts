import type { Command } from 'commander';
import { concatMap, defer, EMPTY, from, map, mergeMap, of, toArray, type Observable } from 'rxjs';
import type { CliContext } from '../context';
import { lazyRun, type Kit } from './lazy-run';
import type { Select } from './types';

interface LoginOptions {
  username?: string;
  password?: string;
  email?: string;
  authType?: string;
}

export interface Question {
  readonly flag: string;
  readonly given: string | undefined;
  readonly prompt: string;
  readonly hidden?: boolean;
}

/** Each answer from its flag, else asked on the terminal; without a terminal every missing flag is named at once. */
export function answers({ CliError, ask }: Kit, ctx: CliContext, questions: readonly Question[]): Observable<string[]> {
  return defer(() => {
    const missing = questions.filter((q) => !q.given).map((q) => q.flag);
    if (missing.length > 0 && !ctx.interactive) {
      throw new CliError('EUSAGE', `stdin is not a terminal, so nothing can be asked: pass ${missing.join(', ')}`);
    }
    return from(questions).pipe(
      concatMap((q) => (q.given ? of(q.given) : ask(q.prompt, ctx, { hidden: q.hidden }))),
      toArray(),
    );
  });
}

/** The questions of the classic login, each answered by its flag when given. */
function classicQuestions(ctx: CliContext, options: LoginOptions): Question[] {
  const configured = ctx.config.get('email');
  const email = options.email ?? (typeof configured === 'string' ? configured : undefined);
  return [
    { flag: '--username', given: options.username, prompt: 'Username: ' },
    { flag: '--password', given: options.password, prompt: 'Password: ', hidden: true },
    { flag: '--email', given: email, prompt: 'Email (this IS public): ' },
  ];
}

/** Saves the token in the user's .npmrc under the registry's key, as `npm login` does, and says so. */
function saveToken(ctx: CliContext, token: string, username: string | undefined): Observable<void> {
  ctx.config.setCredentialsByURI(ctx.registry, { token });
  return from(ctx.config.save('user')).pipe(
    map(() => {
      if (ctx.json) ctx.printJson({ ...(username === undefined ? {} : { username }), registry: ctx.registry });
      else ctx.print(username === undefined ? `Logged in on ${ctx.registry}.` : `Logged in as ${username} on ${ctx.registry}.`);
    }),
  );
}

/**
 * The classic login: logs in (creating the account when the registry has
 * none by that name) with a user name and password.
 */
function legacyLogin(kit: Kit, ctx: CliContext, options: LoginOptions): Observable<void> {
  return answers(kit, ctx, classicQuestions(ctx, options)).pipe(
    mergeMap(([username, password, address]) => ctx.client.adduser(username, password, address)),
    mergeMap(({ username, token }) => saveToken(ctx, token, username)),
  );
}

/**
 * The web login, npm's default (`auth-type=web`): prints the page to log in
 * at, waits for the registry to say the user is done there, and saves the
 * token. A registry without web login gets the classic questions instead.
 */
function webLogin(kit: Kit, ctx: CliContext, options: LoginOptions, create: boolean): Observable<void> {
  const classic = () => answers(kit, ctx, classicQuestions(ctx, options)).pipe(map(([username, password, email]) => ({ username, password, email })));
  const login$ = create ? ctx.client.adduserWeb({ classic }) : ctx.client.loginWeb({ classic });
  return login$.pipe(
    concatMap((event) => {
      if (event.type === 'logged-in') return saveToken(ctx, event.token, event.username);
      const text = `${create ? 'Create your account at' : 'Login at'}:\n${event.loginUrl}`;
      // With --json, stdout is for the result; the page still has to reach the user.
      if (ctx.json) ctx.stderr.write(`${text}\n`);
      else ctx.print(text);
      return EMPTY;
    }),
  );
}

/**
 * `login`: the web login unless npm's `auth-type` is `legacy` or a user name
 * and password are given as flags; either way the token is saved in the
 * user's .npmrc under the registry's host, so later commands are authenticated.
 */
function login(kit: Kit, ctx: CliContext, options: LoginOptions, create: boolean): Observable<void> {
  const legacy = (options.authType ?? ctx.config.get('auth-type')) === 'legacy' || (options.username !== undefined && options.password !== undefined);
  return legacy ? legacyLogin(kit, ctx, options) : webLogin(kit, ctx, options, create);
}

/** `login` and its alias `adduser`. */
export function defineLogin(program: Command, select: Select): void {
  program
    .command('login')
    .alias('adduser')
    .description('log in to the registry (in the browser unless auth-type=legacy), saving the token in your .npmrc')
    .option('--username <name>', 'user name (asked on a terminal when missing)')
    .option('--password <password>', 'password (asked on a terminal when missing)')
    .option('--email <address>', 'e-mail address (default: the email setting)')
    .option('--auth-type <type>', 'web or legacy (default: the auth-type setting, web)')
    .action((options: LoginOptions, command: Command) => {
      // commander names the command `login` whichever name was typed; `adduser` offers to create the account.
      const create = command.parent?.args[0] === 'adduser';
      select(command.name(), command, lazyRun((kit, ctx) => login(kit, ctx, options, create)));
    });
}
