/**
 * Storage ports: small interfaces named for their role. SQLite implements them by default
 * (./sqlite.ts); a server database can implement the same ports when one instance is not enough.
 * Users appear only under their pseudonymous id.
 */
import type { Language } from '../core/languages.ts';

export interface Session {
  userId: string;
  channel: string;
  /** Language the person chose with /language. */
  language?: Language;
  /** Language of the last reply. */
  lastLanguage?: Language;
  consentShown: boolean;
  lastTopic?: string;
  /** Consecutive replies that did not help (no_answer or 👎), for repeated_failure. */
  failures: number;
  updatedAt: number;
}

export interface SessionStore {
  get(userId: string): Session | undefined;
  save(session: Session): void;
}

export interface StoredMessage {
  userId: string;
  role: 'user' | 'bot' | 'operator';
  text: string;
  kind?: string;
  itemId?: string;
  at: number;
}

/** The last turns of a conversation, oldest first, as the engine takes them for follow-ups. */
export function recentTurns(messages: MessageStore, key: string, limit: number): { role: 'user' | 'bot'; text: string }[] {
  return messages.recent(key, limit).map((m) => ({ role: m.role === 'user' ? 'user' : 'bot', text: m.text }));
}

export interface MessageStore {
  append(message: StoredMessage): void;
  /** The last `limit` messages of a person, oldest first. */
  recent(userId: string, limit: number): StoredMessage[];
}

export interface Feedback {
  userId: string;
  /** +1 helpful, -1 not helpful; 1..5 for a rating after a case. */
  value: number;
  kind: 'answer' | 'rating';
  itemId?: string;
  at: number;
}

export interface FeedbackStore {
  add(feedback: Feedback): void;
  list(userId: string): Feedback[];
}

/** Erasure and retention, across every table that refers to a person. */
export interface PrivacyStore {
  /** Erases everything about one person; returns rows deleted. */
  forget(userId: string): number;
  /** Deletes conversation data older than `before` (ms epoch); returns rows deleted. */
  purgeBefore(before: number): number;
  /** Everything stored about one person, for /mydata. */
  export(userId: string): Record<string, unknown[]>;
}

export interface Storage {
  sessions: SessionStore;
  messages: MessageStore;
  feedback: FeedbackStore;
  privacy: PrivacyStore;
  close(): void;
}
