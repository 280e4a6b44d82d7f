/**
 * Structured logs (pino) on standard error, so `ask --json` keeps standard output clean.
 * Never log message text, names, usernames or other personal data: log codes, ids and counts.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination: number | string = 2): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: destination, sync: true }));
}
