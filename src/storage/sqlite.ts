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
];

/** Tables holding a `user_id` column: /forget and /mydata cover all of them. */
export const PERSONAL_TABLES = ['sessions', 'messages', 'feedback'];

export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
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

export function createSqliteStorage(file: string, extraPersonalTables: string[] = []): Storage & { db: Database.Database } {
  const db = openDatabase(file);
  const personal = [...PERSONAL_TABLES, ...extraPersonalTables];
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
          db.prepare('DELETE FROM sessions WHERE updated_at < ?').run(before).changes)(),
      export: (userId) => Object.fromEntries(personal.map((table) => [table, db.prepare(`SELECT * FROM ${table} WHERE user_id = ?`).all(userId)])),
    },
    close: () => db.close(),
  };
}
