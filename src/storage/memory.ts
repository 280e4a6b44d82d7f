/**
 * In-memory implementations of the conversation ports, for the terminal chat and unit tests:
 * nothing touches the disk, everything is gone when the process ends.
 */
import type { Feedback, FeedbackStore, MessageStore, Session, SessionStore, StoredMessage } from './ports.ts';

/** Keeps the last `limit` messages of each conversation. */
export function createMemoryStores(limit = 50): { sessions: SessionStore; messages: MessageStore; feedback: FeedbackStore } {
  const sessions = new Map<string, Session>();
  const messages = new Map<string, StoredMessage[]>();
  const feedback: Feedback[] = [];
  return {
    sessions: { get: (id) => (sessions.has(id) ? { ...sessions.get(id)! } : undefined), save: (s) => void sessions.set(s.userId, { ...s }) },
    messages: {
      append(m) {
        const list = messages.get(m.userId) ?? [];
        list.push(m);
        if (list.length > limit) list.splice(0, list.length - limit);
        messages.set(m.userId, list);
      },
      recent: (id, n) => (messages.get(id) ?? []).slice(-n),
    },
    feedback: { add: (f) => void feedback.push(f), list: (id) => feedback.filter((f) => f.userId === id) },
  };
}
