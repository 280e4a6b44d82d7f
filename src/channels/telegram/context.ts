import type { Context } from 'grammy';
import type { Language } from '../../core/languages.ts';
import type { Session } from '../../storage/ports.ts';

/** Our flavor of grammY's context: the person, pseudonymised, with their stored session. */
export interface DiscorsiFlavor {
  discorsi: {
    userId: string;
    session: Session;
    /** Language for interface strings: chosen, else last replied, else Telegram's, else default. */
    language: Language;
  };
  /** Text of a burst of messages answered together. */
  mergedText?: string;
}

export type DiscorsiContext = Context & DiscorsiFlavor;
