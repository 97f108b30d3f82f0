import { Readable, Transform, type Writable } from 'node:stream';
import { Observable, type Subscriber } from 'rxjs';
import type { Dispatcher } from 'undici';
import type { HttpEvent } from '../request/http-event';
import type { RegistryRequest } from '../request/registry-request';
import { createDispatcher, type DispatcherOptions } from './create-dispatcher';
import { toNetworkError } from './to-network-error';
import { errorDetails } from '../errors/error-details';
import { ResponseTooLargeError } from '../errors/response-too-large-error';
import { decodeStream } from './decode-stream';
import { parseContentEncoding } from './parse-content-encoding';
import type { Transport } from './transport';

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A stream body that reports how much of it has been sent. */
function countingBody(body: Readable, subscriber: Subscriber<HttpEvent>, total: number | undefined): Readable {
  let loaded = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      loaded += chunk.length;
      subscriber.next({ type: 'upload-progress', loaded, total });
      done(null, chunk);
    },
  });
  body.on('error', (err) => counter.destroy(err));
  return body.pipe(counter);
}

/**
 * The default transport: undici with a bounded connection pool. Each
 * subscription sends one request; unsubscribing before the response is
 * complete aborts it and closes the socket. A body is decoded by its
 * Content-Encoding as it arrives (see `CONTENT_DECODERS`); headers and
 * progress stay as on the wire.
 */
export type UndiciTransportOptions = (DispatcherOptions | { dispatcher: Dispatcher }) & {
  /**
   * Bytes of a body held in memory before the response is refused, counted on
   * the wire and again as decoded; streamed bodies are not held.
   */
  readonly maxResponseSize?: number;
};

export class UndiciTransport implements Transport {
  readonly dispatcher: Dispatcher;
  private readonly maxResponseSize: number;

  constructor(options: UndiciTransportOptions) {
    this.dispatcher = 'dispatcher' in options ? options.dispatcher : createDispatcher(options);
    this.maxResponseSize = options.maxResponseSize ?? Number.POSITIVE_INFINITY;
  }

  handle(req: RegistryRequest): Observable<HttpEvent> {
    return new Observable<HttpEvent>((subscriber) => {
      const controller = new AbortController();
      let finished = false;
      let decoding: Writable | undefined;
      const fail = (error: unknown) => {
        if (finished) return;
        finished = true;
        controller.abort();
        decoding?.destroy();
        subscriber.error(toNetworkError(error, req));
      };
      const url = new URL(req.url);
      const length = req.headers['content-length'] ? Number(req.headers['content-length']) : undefined;
      const given = typeof req.body === 'function' ? req.body() : req.body;
      const body = given instanceof Readable && req.reportProgress ? countingBody(given, subscriber, length) : given;

      this.dispatcher
        .request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: req.method,
          // A copy: the request's headers are frozen, and undici's ProxyAgent adds `host` to the object it is given.
          headers: { ...req.headers },
          body,
          signal: controller.signal,
        })
        .then((res) => {
          if (subscriber.closed) return;
          const headers = flattenHeaders(res.headers);
          const total = headers['content-length'] ? Number(headers['content-length']) : undefined;
          subscriber.next({ type: 'headers', statusCode: res.statusCode, headers });
          // Only a success is streamed: an error's body is wanted whole, for its message.
          const streamed = req.responseType === 'stream' && res.statusCode >= 200 && res.statusCode < 300;
          const limit = streamed ? Number.POSITIVE_INFINITY : this.maxResponseSize;
          const chunks: Buffer[] = [];
          const tooLarge = () => {
            chunks.length = 0;
            fail(new ResponseTooLargeError(this.maxResponseSize, errorDetails(req, { statusCode: res.statusCode })));
          };
          if (total !== undefined && total > limit) return tooLarge();
          const encoding = headers['content-encoding'];
          const encoded = parseContentEncoding(encoding).length > 0;
          // Bytes on the wire: what progress, Content-Length and the first limit count.
          let loaded = 0;
          // Bytes of the body as decoded: what the second limit counts.
          let held = 0;
          const take = (chunk: Buffer) => {
            if (finished) return;
            if (streamed) return subscriber.next({ type: 'download-progress', loaded, total, chunk });
            held += chunk.length;
            if (held > limit) return tooLarge();
            chunks.push(chunk);
          };
          const end = () => {
            if (finished) return;
            finished = true;
            subscriber.next({
              type: 'response',
              url: req.url,
              statusCode: res.statusCode,
              headers,
              body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
            });
            subscriber.complete();
          };
          const decode = (chunk: Buffer) => {
            try {
              // Made at the first byte: an empty body (a HEAD, a 304) is empty whatever the header says.
              decoding ??= decodeStream(req, encoding, { chunk: take, end, error: fail });
            } catch (error) {
              return fail(error);
            }
            if (!decoding.write(chunk)) {
              res.body.pause();
              decoding.once('drain', () => res.body.resume());
            }
          };
          res.body.on('data', (chunk: Buffer) => {
            if (finished) return;
            loaded += chunk.length;
            if (loaded > limit) return tooLarge();
            if (encoded) decode(chunk);
            else take(chunk);
            // Every wire chunk is a sign of life for fetch-timeout's idle bound, asked for or not: a large body arriving
            // steadily over a slow line must not time out for want of events between its headers and its end.
            if (!streamed && !finished) subscriber.next({ type: 'download-progress', loaded, total });
          });
          res.body.on('error', fail);
          res.body.on('end', () => (decoding ? decoding.end() : end()));
        }, fail);

      return () => {
        if (!finished) controller.abort();
        decoding?.destroy();
      };
    });
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
