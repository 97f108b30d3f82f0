/**
 * Lines a background process printed, held back until the step that caused
 * them is over, so that they show under that step and in a fixed order,
 * however the processes' output happens to interleave.
 */
export class HeldLines {
  private readonly lines: string[] = [];
  private check: () => void = () => undefined;

  add(line: string): void {
    this.lines.push(line);
    this.check();
  }

  /**
   * Resolves, once the lines held include one containing each of `texts`,
   * with every line held so far (in the order they came), and lets them go.
   * Rejects after `timeoutMs`.
   */
  release(texts: readonly string[], timeoutMs: number): Promise<string[]> {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        this.check = () => undefined;
        fail(new Error(`the live view did not show ${texts.map((text) => `"${text}"`).join(', ')} within ${timeoutMs / 1000}s`));
      }, timeoutMs);
      this.check = () => {
        if (!texts.every((text) => this.lines.some((line) => line.includes(text)))) return;
        clearTimeout(timer);
        this.check = () => undefined;
        done(this.lines.splice(0));
      };
      this.check();
    });
  }
}
