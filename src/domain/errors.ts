/**
 * Errors a user can cause (bad file, bad argument, bad record). `code` is stable and
 * machine-readable; the message says what to fix and names the file/line or argument.
 */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
  constructor(
    message: string,
    readonly code: string = 'BAD_USER_INPUT',
  ) {
    super(message);
  }
}
