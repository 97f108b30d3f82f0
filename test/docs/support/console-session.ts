/** One `$ command` of a README session and what it prints (stdout and stderr, as a terminal shows them). */
export interface SessionStep {
  readonly command: string;
  readonly output: string;
}

/** Splits a `console` block into its commands and their output. */
export function sessionSteps(block: string): SessionStep[] {
  const steps: Array<{ command: string; lines: string[] }> = [];
  for (const line of block.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), lines: [] });
    else if (steps.length > 0) steps[steps.length - 1].lines.push(line);
    else throw new Error(`a session starts with a "$ " command, not ${JSON.stringify(line)}`);
  }
  return steps.map(({ command, lines }) => ({ command, output: lines.join('\n').replace(/\n+$/, '') }));
}

const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const separator = (index: number) => `<<<step ${index}>>>`;

/**
 * One bash script running the steps in order, each output preceded by a
 * separator line. A person at the terminal sees a background job start
 * before typing on and reads its file when the line is there; the script
 * does the same: after `cmd > file &` it waits until the file has content,
 * and before a `tail` it waits (at most 20 s) until `tail` shows the line.
 */
export function sessionScript(steps: readonly SessionStep[]): string {
  // `$?` is kept across the separators, so that `echo $?` shows the step before.
  const lines = ['exec 2>&1', 'status=0'];
  steps.forEach(({ command, output }, index) => {
    if (/^tail\b/.test(command)) lines.push(`for _ in $(seq 100); do [ "$(${command})" = ${quoted(output)} ] && break; sleep 0.2; done`);
    lines.push(`echo ${quoted(separator(index))}`, '(exit $status)', command, 'status=$?');
    const background = /> *(\S+) *&\s*(#.*)?$/.exec(command);
    if (background) lines.push(`for _ in $(seq 100); do [ -s ${background[1]} ] && break; sleep 0.2; done`);
  });
  lines.push('kill $(jobs -p) 2>/dev/null', 'wait', 'exit 0');
  return `${lines.join('\n')}\n`;
}

/** What each step printed, from the script's output. */
export function sessionOutputs(output: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const start = output.indexOf(`${separator(index)}\n`);
    if (start === -1) return '<never ran>';
    const from = start + separator(index).length + 1;
    const end = output.indexOf(separator(index + 1), from);
    return output.slice(from, end === -1 ? undefined : end).replace(/\n+$/, '');
  });
}
