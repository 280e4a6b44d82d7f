/**
 * SQLite storage (better-sqlite3, WAL): the embedded default for every storage port.
 * Schema changes are numbered migrations run at open, each in a transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Feedback, Session, Storage, StoredMessage } from './ports.ts';

const MIGRATIONS: string[] = [
  `CREATE TABLE sessions (
     user_id TEXT PRIMARY KEY, channel TEXT NOT NULL, language TEXT, last_language TEXT,
     consent_shown INTEGER NOT NULL DEFAULT 0, last_topic TEXT, failures INTEGER NOT NULL DEFAULT 0,
     updated_at INTEGER NOT NULL);
   CREATE TABLE messages (
     id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,
     kind TEXT, item_id TEXT, at INTEGER NOT NULL);
   CREATE INDEX messages_user ON messages(user_id, at);
   CREATE INDEX messages_at ON messages(at);
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, value INTEGER NOT NULL, kind TEXT NOT NULL,
     item_id TEXT, at INTEGER NOT NULL);
   CREATE INDEX feedback_user ON feedback(user_id);`,
  `CREATE TABLE cases (
     id TEXT PRIMARY KEY, user_id TEXT NOT NULL, channel TEXT NOT NULL, address TEXT NOT NULL,
     language TEXT NOT NULL, topic TEXT, reason TEXT NOT NULL, priority INTEGER NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('open', 'claimed', 'closed', 'expired')),
     owner TEXT, owner_name TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
     last_activity_at INTEGER NOT NULL, claimed_at INTEGER, closed_at INTEGER, reminded_at INTEGER,
     contact_shared INTEGER NOT NULL DEFAULT 0);
   CREATE UNIQUE INDEX cases_one_active_per_user ON cases(user_id) WHERE state IN ('open', 'claimed');
   CREATE INDEX cases_state ON cases(state, priority, created_at);
   CREATE TABLE case_messages (
     id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
     author TEXT NOT NULL, author_id TEXT, text TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX case_messages_case ON case_messages(case_id, at);
   CREATE TABLE case_threads (
     case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE, target TEXT NOT NULL, ref TEXT NOT NULL,
     PRIMARY KEY (case_id, target));
   CREATE UNIQUE INDEX case_threads_ref ON case_threads(target, ref);
   CREATE TABLE thread_messages (
     target TEXT NOT NULL, ref TEXT NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
     PRIMARY KEY (target, ref));
   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY, user_id TEXT, case_id TEXT REFERENCES cases(id) ON DELETE CASCADE,
     target TEXT NOT NULL, payload TEXT NOT NULL, idempotency_key TEXT UNIQUE,
     state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL,
     sent_at INTEGER, last_error TEXT);
   CREATE INDEX outbox_due ON outbox(state, next_attempt_at, id);
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, case_id TEXT, allowed INTEGER NOT NULL);`,
];

/** Tables holding a `user_id` column: /forget and /mydata cover all of them. */
export const PERSONAL_TABLES = ['sessions', 'messages', 'feedback', 'outbox', 'cases'];

export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Deleted rows (after /forget or retention) are overwritten with zeros, not left in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}

interface SessionRow {
  user_id: string; channel: string; language: string | null; last_language: string | null;
  consent_shown: number; last_topic: string | null; failures: number; updated_at: number;
}

export function createSqliteStorage(file: string): Storage & { db: Database.Database } {
  const db = openDatabase(file);
  const personal = PERSONAL_TABLES;
  const getSession = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE user_id = ?');
  const saveSession = db.prepare(`INSERT INTO sessions (user_id, channel, language, last_language, consent_shown, last_topic, failures, updated_at)
    VALUES (@userId, @channel, @language, @lastLanguage, @consentShown, @lastTopic, @failures, @updatedAt)
    ON CONFLICT(user_id) DO UPDATE SET channel = excluded.channel, language = excluded.language,
      last_language = excluded.last_language, consent_shown = excluded.consent_shown,
      last_topic = excluded.last_topic, failures = excluded.failures, updated_at = excluded.updated_at`);
  const appendMessage = db.prepare('INSERT INTO messages (user_id, role, text, kind, item_id, at) VALUES (?, ?, ?, ?, ?, ?)');
  const recentMessages = db.prepare<[string, number], { user_id: string; role: StoredMessage['role']; text: string; kind: string | null; item_id: string | null; at: number }>(
    'SELECT * FROM (SELECT * FROM messages WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id');
  const addFeedback = db.prepare('INSERT INTO feedback (user_id, value, kind, item_id, at) VALUES (?, ?, ?, ?, ?)');
  const listFeedback = db.prepare<[string], { user_id: string; value: number; kind: Feedback['kind']; item_id: string | null; at: number }>('SELECT * FROM feedback WHERE user_id = ? ORDER BY at');

  return {
    db,
    sessions: {
      get(userId) {
        const r = getSession.get(userId);
        if (!r) return undefined;
        return {
          userId: r.user_id, channel: r.channel, language: (r.language ?? undefined) as Session['language'],
          lastLanguage: (r.last_language ?? undefined) as Session['lastLanguage'], consentShown: r.consent_shown === 1,
          lastTopic: r.last_topic ?? undefined, failures: r.failures, updatedAt: r.updated_at,
        };
      },
      save(s) {
        saveSession.run({ ...s, language: s.language ?? null, lastLanguage: s.lastLanguage ?? null, lastTopic: s.lastTopic ?? null, consentShown: s.consentShown ? 1 : 0 });
      },
    },
    messages: {
      append(m) {
        appendMessage.run(m.userId, m.role, m.text, m.kind ?? null, m.itemId ?? null, m.at);
      },
      recent(userId, limit) {
        return recentMessages.all(userId, limit).map((r) => ({ userId: r.user_id, role: r.role, text: r.text, kind: r.kind ?? undefined, itemId: r.item_id ?? undefined, at: r.at }));
      },
    },
    feedback: {
      add(f) {
        addFeedback.run(f.userId, f.value, f.kind, f.itemId ?? null, f.at);
      },
      list(userId) {
        return listFeedback.all(userId).map((r) => ({ userId: r.user_id, value: r.value, kind: r.kind, itemId: r.item_id ?? undefined, at: r.at }));
      },
    },
    privacy: {
      forget: (userId) =>
        db.transaction(() => personal.reduce((n, table) => n + db.prepare(`DELETE FROM ${table} WHERE user_id = ?`).run(userId).changes, 0))(),
      purgeBefore: (before) =>
        db.transaction(() =>
          db.prepare('DELETE FROM messages WHERE at < ?').run(before).changes +
          db.prepare('DELETE FROM feedback WHERE at < ?').run(before).changes +
          db.prepare('DELETE FROM sessions WHERE updated_at < ?').run(before).changes +
          db.prepare("DELETE FROM cases WHERE state IN ('closed', 'expired') AND updated_at < ?").run(before).changes +
          db.prepare("DELETE FROM outbox WHERE state = 'sent' AND sent_at < ?").run(before).changes)(),
      export: (userId) => ({
        ...Object.fromEntries(personal.map((table) => [table, db.prepare(`SELECT * FROM ${table} WHERE user_id = ?`).all(userId)])),
        case_messages: db.prepare('SELECT m.* FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.user_id = ?').all(userId),
      }),
    },
    close: () => db.close(),
  };
}
