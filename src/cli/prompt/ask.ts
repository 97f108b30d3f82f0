import { createInterface } from 'node:readline';
import { Observable } from 'rxjs';

export interface AskStreams {
  readonly stdin: NodeJS.ReadableStream;
  readonly stderr: NodeJS.WritableStream;
}

/**
 * Asks one question on stderr and emits the answer read from stdin. Cold: the
 * question is asked on subscribe; unsubscribing closes the prompt. With
 * `hidden`, what is typed is not echoed (for passwords). Ctrl-C at the prompt
 * is a SIGINT of the process, as anywhere else.
 */
export function ask(question: string, streams: AskStreams, { hidden = false } = {}): Observable<string> {
  return new Observable<string>((subscriber) => {
    const rl = createInterface({ input: streams.stdin, output: streams.stderr, terminal: true });
    if (hidden) {
      // After the question, echo nothing of what is typed but the line ends.
      // readline's own output hook, which Node's types do not declare: no type can say it is there.
      const internal = rl as unknown as { _writeToOutput(text: string): void };
      let asked = false;
      internal._writeToOutput = (text: string) => {
        if (!asked || text.includes('\n') || text.includes('\r')) streams.stderr.write(asked ? '\n' : text);
      };
      rl.question(question, answer);
      asked = true;
    } else {
      rl.question(question, answer);
    }
    function answer(text: string): void {
      subscriber.next(text.trim());
      subscriber.complete();
    }
    rl.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
    rl.on('close', () => subscriber.complete());
    return () => rl.close();
  });
}
