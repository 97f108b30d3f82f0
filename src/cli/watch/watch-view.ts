import { defer, EMPTY, fromEvent, ignoreElements, map, merge, retry, tap, throwError, timer, type Observable } from 'rxjs';
import { HttpError } from '../../index';
import type { CliContext } from '../context';
import { messageOf } from '../output/message-of';
import { viewOptions } from '../output/view-options';
import { formatView } from '../view/format-view';
import { describeChange, NO_PACKAGE, packageChanges, type PackageChange, type WatchedPackument } from './package-changes';
import { LiveScreen } from './live-screen';

export interface WatchViewRequest {
  readonly name: string;
  readonly wanted: string;
  readonly fields: readonly string[];
  /** Milliseconds between polls. */
  readonly interval: number;
}

/** Changes listed under the view on a terminal. */
const RECENT_CHANGES = 8;

const clock = (date: Date): string => date.toTimeString().slice(0, 8);
const isNotFound = (error: unknown): boolean => error instanceof HttpError && error.statusCode === 404;

/**
 * A live `view`: the package now, then again each time a version, a dist-tag
 * or a deprecation changes. On a terminal the view is redrawn in place, cut to
 * fit the screen, with the latest changes under it; otherwise (and with
 * --json) it is printed once and followed by one line per change. A package
 * that is not on the registry (yet, or any more) is waited for. It never
 * completes: Ctrl-C ends it.
 */
export function watchView(ctx: CliContext, request: WatchViewRequest): Observable<never> {
  return defer(() => {
    const { name, wanted, fields, interval } = request;
    const live = Boolean(ctx.stdout.isTTY) && !ctx.json;
    const screen = live ? new LiveScreen(ctx.stdout) : undefined;
    const recent: string[] = [];
    let previous: WatchedPackument | undefined;
    let missing = false;

    const viewText = (doc: WatchedPackument): string => {
      try {
        return formatView(doc, wanted, fields, viewOptions(ctx, { json: false }));
      } catch (error) {
        return `${name}${wanted ? `@${wanted}` : ''}: ${messageOf(error)}\n`;
      }
    };
    const footer = (status: string): string => {
      const changes = recent.length ? `\n${recent.join('\n')}` : '';
      return `\n${status} · every ${interval / 1000}s · Ctrl-C to stop${changes}\n`;
    };
    const printChange = (change: PackageChange): void => {
      if (ctx.json) ctx.print(JSON.stringify({ name, ...change }));
      else ctx.print(describeChange(name, change));
    };
    const printFirst = (doc: WatchedPackument): void => {
      if (!ctx.json) {
        const text = viewText(doc);
        if (text) ctx.stdout.write(text.replace(/\n*$/, '\n'));
        return;
      }
      try {
        ctx.print(JSON.stringify(JSON.parse(formatView(doc, wanted, fields, viewOptions(ctx, { json: true })) || 'null')));
      } catch (error) {
        ctx.log.error('view', `${name}${wanted ? `@${wanted}` : ''}: ${messageOf(error)}`);
      }
    };

    const onDocument = (doc: WatchedPackument): void => {
      const at = new Date();
      const changes = previous ? packageChanges(previous, doc) : [];
      if (previous === undefined && missing) changes.push(...packageChanges(NO_PACKAGE, doc));
      const first = previous === undefined && !missing;
      previous = doc;
      missing = false;
      if (screen) {
        recent.unshift(...changes.map((change) => `${clock(at)} ${describeChange(name, change)}`));
        recent.splice(RECENT_CHANGES);
        screen.render(viewText(doc), footer(`watching ${name}, updated ${clock(at)}`));
      } else if (first) {
        printFirst(doc);
      } else {
        changes.forEach(printChange);
      }
    };

    const onMissing = (): void => {
      if (missing) return;
      missing = true;
      const was = previous !== undefined;
      previous = undefined;
      if (screen) {
        if (was) recent.unshift(`${clock(new Date())} ${name}: unpublished`);
        screen.render(`${name} is not on the registry${was ? ' any more' : ' yet'}: waiting for it to be published`, footer(`watching ${name}`));
      } else if (was) {
        ctx.print(ctx.json ? JSON.stringify({ name, type: 'unpublished' }) : `${name}: unpublished`);
      } else {
        ctx.log.notice('view', `${name} is not on the registry yet: waiting for it to be published`);
      }
    };

    const documents = defer(() => ctx.client.watch<WatchedPackument>(name, { fullMetadata: true, interval })).pipe(
      // The watch ends on a 404; a live view waits for the package instead.
      retry({ delay: (error: unknown) => (isNotFound(error) ? (onMissing(), timer(interval)) : throwError(() => error)) }),
      map(({ data }) => data),
      tap(onDocument),
    );
    // A resized terminal is redrawn at once, cut to its new size.
    const resizes = screen ? fromEvent(ctx.stdout, 'resize').pipe(tap(() => screen.redraw())) : EMPTY;
    return merge(documents, resizes).pipe(ignoreElements());
  });
}
