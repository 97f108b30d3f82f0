/** An argument as a shell would need it typed: bare when it is one plain word, else in double quotes (`view "a b"`). */
export function quoteArg(arg: string): string {
  return /^[\w@%+=:,./~^-]+$/.test(arg) ? arg : JSON.stringify(arg);
}
