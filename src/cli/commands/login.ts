import type { Command } from 'commander';
import { concatMap, defer, from, map, mergeMap, of, toArray, type Observable } from 'rxjs';
import type { CliContext } from '../context';
import { CliError } from '../output/cli-error';
import { ask } from '../prompt/ask';
import type { Select } from './types';

interface LoginOptions {
  username?: string;
  password?: string;
  email?: string;
}

export interface Question {
  readonly flag: string;
  readonly given: string | undefined;
  readonly prompt: string;
  readonly hidden?: boolean;
}

/** Each answer from its flag, else asked on the terminal; without a terminal every missing flag is named at once. */
export function answers(ctx: CliContext, questions: readonly Question[]): Observable<string[]> {
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

/**
 * Logs in (creating the account when the registry has none by that name) and
 * saves the token in the user's .npmrc under the registry's host, as
 * `npm login` does, so later commands are authenticated.
 */
function login(ctx: CliContext, options: LoginOptions): Observable<void> {
  const configured = ctx.config.get('email');
  const email = options.email ?? (typeof configured === 'string' ? configured : undefined);
  return answers(ctx, [
    { flag: '--username', given: options.username, prompt: 'Username: ' },
    { flag: '--password', given: options.password, prompt: 'Password: ', hidden: true },
    { flag: '--email', given: email, prompt: 'Email (this IS public): ' },
  ]).pipe(
    mergeMap(([username, password, address]) => ctx.client.adduser(username, password, address)),
    mergeMap(({ username, token }) => {
      ctx.config.setCredentialsByURI(ctx.registry, { token });
      return from(ctx.config.save('user')).pipe(map(() => username));
    }),
    map((username) => {
      if (ctx.json) ctx.printJson({ username, registry: ctx.registry });
      else ctx.print(`Logged in as ${username} on ${ctx.registry}.`);
    }),
  );
}

/** `login` and its alias `adduser`. */
export function defineLogin(program: Command, select: Select): void {
  program
    .command('login')
    .alias('adduser')
    .description('log in to the registry (creating the account if it has none), saving the token in your .npmrc')
    .option('--username <name>', 'user name (asked on a terminal when missing)')
    .option('--password <password>', 'password (asked on a terminal when missing)')
    .option('--email <address>', 'e-mail address (default: the email setting)')
    .action((options: LoginOptions, command: Command) => {
      select(command.name(), command, (ctx) => login(ctx, options));
    });
}
