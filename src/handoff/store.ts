/**
 * Cases, their messages and threads, and the outbox, in SQLite. Each transition is one
 * transaction with a guarded UPDATE, so two operators claiming at once → exactly one wins.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Language } from '../core/languages.ts';
import type { HandoffReason } from '../core/types.ts';
import { priorityFor, type Case, type CaseAuthor, type CaseMessage, type OutboxItem, type OutboxPayload } from './types.ts';

interface CaseRow {
  id: string; user_id: string; channel: string; address: string; language: string; topic: string | null;
  reason: string; priority: number; state: Case['state']; owner: string | null; owner_name: string | null;
  created_at: number; updated_at: number; last_activity_at: number; claimed_at: number | null;
  closed_at: number | null; reminded_at: number | null;
}

function toCase(r: CaseRow): Case {
  return {
    id: r.id, userId: r.user_id, channel: r.channel, address: r.address, language: r.language as Language,
    topic: r.topic ?? undefined, reason: r.reason as HandoffReason, priority: r.priority, state: r.state,
    owner: r.owner ?? undefined, ownerName: r.owner_name ?? undefined, createdAt: r.created_at, updatedAt: r.updated_at,
    lastActivityAt: r.last_activity_at, claimedAt: r.claimed_at ?? undefined, closedAt: r.closed_at ?? undefined,
    remindedAt: r.reminded_at ?? undefined,
  };
}

export type ClaimResult = { ok: true; case: Case } | { ok: false; case?: Case; reason: 'not_found' | 'taken' | 'closed' };

/** What opens a case: who, where to reach them, and why. */
export interface OpenRequest extends Pick<Case, 'userId' | 'channel' | 'address' | 'language' | 'topic' | 'reason'> {
  text?: string;
  /** Priority from the triage ladder (1 most urgent); default: from the reason. */
  priority?: number;
  now: number;
}

/** Case ids are 128 random bits: not guessable, never typed by a person. */
export function newCaseId(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export function createHandoffStore(db: Database.Database) {
  const byId = db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?');
  const activeByUser = db.prepare<[string], CaseRow>("SELECT * FROM cases WHERE user_id = ? AND state IN ('open', 'claimed')");
  const insertMessage = db.prepare('INSERT INTO case_messages (case_id, author, author_id, text, at) VALUES (?, ?, ?, ?, ?)');
  const touch = db.prepare('UPDATE cases SET last_activity_at = ?, updated_at = ? WHERE id = ?');
  const insertOutbox = db.prepare('INSERT OR IGNORE INTO outbox (user_id, case_id, target, payload, idempotency_key, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');

  const store = {
    get: (id: string) => {
      const r = byId.get(id);
      return r ? toCase(r) : undefined;
    },
    activeForUser: (userId: string) => {
      const r = activeByUser.get(userId);
      return r ? toCase(r) : undefined;
    },

    /** Opens a case, or adds to the person's open one (raising its priority if needed). */
    openOrAppend: db.transaction((req: OpenRequest): { case: Case; created: boolean } => {
      const existing = activeByUser.get(req.userId);
      const priority = req.priority ?? priorityFor(req.reason);
      if (existing) {
        if (priority < existing.priority) db.prepare('UPDATE cases SET priority = ?, reason = ? WHERE id = ?').run(priority, req.reason, existing.id);
        if (req.text) insertMessage.run(existing.id, 'user', null, req.text, req.now);
        touch.run(req.now, req.now, existing.id);
        return { case: toCase(byId.get(existing.id)!), created: false };
      }
      const id = newCaseId();
      db.prepare(`INSERT INTO cases (id, user_id, channel, address, language, topic, reason, priority, state, created_at, updated_at, last_activity_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`).run(id, req.userId, req.channel, req.address, req.language, req.topic ?? null, req.reason, priority, req.now, req.now, req.now);
      if (req.text) insertMessage.run(id, 'user', null, req.text, req.now);
      return { case: toCase(byId.get(id)!), created: true };
    }),

    claim: db.transaction((id: string, owner: string, ownerName: string, now: number): ClaimResult => {
      const changed = db.prepare("UPDATE cases SET state = 'claimed', owner = ?, owner_name = ?, claimed_at = ?, updated_at = ?, last_activity_at = ? WHERE id = ? AND state = 'open'").run(owner, ownerName, now, now, now, id).changes;
      const row = byId.get(id);
      if (!row) return { ok: false, reason: 'not_found' };
      if (changed === 1) return { ok: true, case: toCase(row) };
      return { ok: false, case: toCase(row), reason: row.state === 'claimed' ? 'taken' : 'closed' };
    }),

    close: db.transaction((id: string, now: number, state: 'closed' | 'expired' = 'closed'): Case | undefined => {
      const changed = db.prepare(`UPDATE cases SET state = ?, closed_at = ?, updated_at = ? WHERE id = ? AND state IN ('open', 'claimed')`).run(state, now, now, id).changes;
      return changed === 1 ? toCase(byId.get(id)!) : undefined;
    }),

    setPriority: (id: string, priority: number, now: number) => {
      db.prepare('UPDATE cases SET priority = ?, updated_at = ? WHERE id = ?').run(priority, now, id);
    },

    addMessage: (m: CaseMessage) => {
      insertMessage.run(m.caseId, m.author, m.authorId ?? null, m.text, m.at);
      if (m.author === 'user' || m.author === 'operator') touch.run(m.at, m.at, m.caseId);
    },

    messages: (caseId: string, limit = 50): CaseMessage[] =>
      (db.prepare('SELECT * FROM (SELECT * FROM case_messages WHERE case_id = ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id').all(caseId, limit) as { case_id: string; author: CaseAuthor; author_id: string | null; text: string; at: number }[])
        .map((r) => ({ caseId: r.case_id, author: r.author, authorId: r.author_id ?? undefined, text: r.text, at: r.at })),

    setThread: (caseId: string, target: string, ref: string) => {
      db.prepare('INSERT OR REPLACE INTO case_threads (case_id, target, ref) VALUES (?, ?, ?)').run(caseId, target, ref);
    },
    thread: (caseId: string, target: string): string | undefined =>
      (db.prepare('SELECT ref FROM case_threads WHERE case_id = ? AND target = ?').get(caseId, target) as { ref: string } | undefined)?.ref,
    /** Remembers one more message of a case's thread (replies to it belong to the case). */
    addThreadMessage: (caseId: string, target: string, ref: string) => {
      db.prepare('INSERT OR IGNORE INTO thread_messages (target, ref, case_id) VALUES (?, ?, ?)').run(target, ref, caseId);
    },
    /** The case a thread (or any message posted in it) belongs to. */
    caseByThread: (target: string, ref: string): Case | undefined => {
      const row = (db.prepare('SELECT c.* FROM cases c JOIN case_threads t ON t.case_id = c.id WHERE t.target = ? AND t.ref = ?').get(target, ref) ??
        db.prepare('SELECT c.* FROM cases c JOIN thread_messages m ON m.case_id = c.id WHERE m.target = ? AND m.ref = ?').get(target, ref)) as CaseRow | undefined;
      return row ? toCase(row) : undefined;
    },

    /** Open cases, most urgent first. */
    listActive: (): Case[] => (db.prepare("SELECT * FROM cases WHERE state IN ('open', 'claimed') ORDER BY state = 'claimed', priority, created_at").all() as CaseRow[]).map(toCase),
    /** 1-based position among unclaimed cases (priority first, then age). */
    queuePosition: (id: string): number => {
      const c = byId.get(id);
      if (!c || c.state !== 'open') return 0;
      return (db.prepare("SELECT COUNT(*) AS n FROM cases WHERE state = 'open' AND (priority < ? OR (priority = ? AND created_at <= ?))").get(c.priority, c.priority, c.created_at) as { n: number }).n;
    },
    dueReminders: (olderThan: number): Case[] =>
      (db.prepare("SELECT * FROM cases WHERE state = 'open' AND COALESCE(reminded_at, created_at) < ?").all(olderThan) as CaseRow[]).map(toCase),
    markReminded: (id: string, now: number) => {
      db.prepare('UPDATE cases SET reminded_at = ?, priority = MAX(1, priority - 1), updated_at = ? WHERE id = ?').run(now, now, id);
    },
    dueExpiries: (inactiveSince: number): Case[] =>
      (db.prepare("SELECT * FROM cases WHERE state IN ('open', 'claimed') AND last_activity_at < ?").all(inactiveSince) as CaseRow[]).map(toCase),

    enqueue: (item: { target: string; payload: OutboxPayload; caseId?: string; userId?: string; key?: string; now: number }) => {
      insertOutbox.run(item.userId ?? null, item.caseId ?? null, item.target, JSON.stringify(item.payload), item.key ?? null, item.now, item.now);
    },
    dueOutbox: (now: number, limit = 50): OutboxItem[] =>
      (db.prepare("SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?").all(now, limit) as { id: number; case_id: string | null; user_id: string | null; target: string; payload: string; attempts: number }[])
        .map((r) => ({ id: r.id, caseId: r.case_id ?? undefined, userId: r.user_id ?? undefined, target: r.target, payload: JSON.parse(r.payload) as OutboxPayload, attempts: r.attempts })),
    markSent: (id: number, now: number) => {
      db.prepare("UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'").run(now, id);
    },
    markFailed: (id: number, now: number, error: string, retryAt: number | undefined) => {
      if (retryAt === undefined) db.prepare("UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?").run(error, id);
      else db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, retryAt, id);
    },
    pendingOutbox: (): number => (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n,

    audit: (actor: string, action: string, caseId: string | undefined, allowed: boolean, now: number) => {
      db.prepare('INSERT INTO audit (at, actor, action, case_id, allowed) VALUES (?, ?, ?, ?, ?)').run(now, actor, action, caseId ?? null, allowed ? 1 : 0);
    },
  };
  return store;
}

export type HandoffStore = ReturnType<typeof createHandoffStore>;
