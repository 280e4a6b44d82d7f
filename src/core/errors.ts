/**
 * Errors that carry a code. The code picks what the user reads (an i18n key under `errors.`)
 * and what is logged; the message is for developers and never contains user text.
 */
export class DiscorsiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DiscorsiError';
  }
}

/** Bad usage or configuration: the CLI prints the message (one line per problem) and exits 2. */
export class UsageError extends DiscorsiError {
  constructor(readonly problems: string[]) {
    super('usage', problems.join('\n'));
    this.name = 'UsageError';
  }
}
