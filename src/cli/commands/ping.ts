import type { Command } from 'commander';
import { defer, map } from 'rxjs';
import type { Select } from './types';

/** `ping`: checks the registry answers, and how fast. */
export function definePing(program: Command, select: Select): void {
  program
    .command('ping')
    .description('check that the registry answers')
    .action((_options: unknown, command: Command) => {
      select('ping', command, (ctx) =>
        defer(() => {
          ctx.log.notice('', `PING ${ctx.registry}`);
          const start = performance.now();
          return ctx.client.ping().pipe(
            map((details) => {
              const time = Math.round(performance.now() - start);
              if (ctx.json) ctx.printJson({ registry: ctx.registry, time, details });
              else ctx.print(`PONG ${time}ms`);
            }),
          );
        }),
      );
    });
}
