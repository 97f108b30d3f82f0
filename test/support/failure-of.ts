import { lastValueFrom, type Observable } from 'rxjs';

/**
 * The error an Observable ends with. Fails the test when it completes instead,
 * so an unexpected success never passes for the expected error.
 */
export async function failureOf(source: Observable<unknown>): Promise<unknown> {
  try {
    const value = await lastValueFrom(source);
    throw new UnexpectedSuccess(value);
  } catch (error) {
    if (error instanceof UnexpectedSuccess) throw new Error(`expected an error, but the request succeeded with ${JSON.stringify(error.value)?.slice(0, 500)}`);
    return error;
  }
}

class UnexpectedSuccess {
  constructor(readonly value: unknown) {}
}
