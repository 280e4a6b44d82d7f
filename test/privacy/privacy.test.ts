/** Erasure, retention and backup, on the real SQLite storage. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createHandoffStore } from '../../src/handoff/store.ts';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

function seed(file: string, userId: string, at: number) {
  const storage = createSqliteStorage(file);
  const cases = createHandoffStore(storage.db);
  storage.sessions.save({ userId, channel: 'telegram', consentShown: true, failures: 0, updatedAt: at });
  storage.messages.append({ userId, role: 'user', text: `secret of ${userId}`, at });
  storage.feedback.add({ userId, value: -1, kind: 'answer', itemId: 'health/stp-code', at });
  const { case: c } = cases.openOrAppend({ userId, channel: 'telegram', address: '123', language: 'ar', reason: 'user_request', text: `help ${userId}`, now: at });
  cases.setThread(c.id, 'slack:operators', `C1:${userId}`);
  cases.addThreadMessage(c.id, 'telegram:operators', `-1:${userId}`);
  cases.enqueue({ target: 'telegram:user', caseId: c.id, userId, payload: { type: 'user_text', address: '123', text: 'hi' }, now: at });
  return { storage, cases, caseId: c.id };
}

/** Every row of every table, as text, to search for a person's traces. */
function everything(db: Database.Database): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all())).join('\n');
}

describe('privacy', () => {
  it('/forget erases a person from every table, and only them', () => {
    const file = path.join(tempDir(), 'discorsi.db');
    const a = seed(file, 'u_alice', Date.now());
    const b = seed(file, 'u_bob', Date.now());
    const { db } = a.storage;
    expect(everything(db)).toContain('u_alice');
    a.storage.privacy.forget('u_alice');
    const left = everything(db);
    expect(left).not.toContain('u_alice');
    expect(left).not.toContain(a.caseId);
    expect(left).not.toContain('secret of u_alice');
    expect(left).toContain('u_bob');
    expect(b.cases.get(b.caseId)?.state).toBe('open');
    a.storage.close();
  });

  it('/mydata exports what is stored about a person, including their case messages', () => {
    const file = path.join(tempDir(), 'discorsi.db');
    const a = seed(file, 'u_carla', Date.now());
    const data = a.storage.privacy.export('u_carla');
    expect(JSON.stringify(data)).toContain('secret of u_carla');
    expect(JSON.stringify(data.case_messages)).toContain('help u_carla');
    a.storage.close();
  });

  it('retention deletes old conversations, feedback and closed cases, and keeps open cases', () => {
    const file = path.join(tempDir(), 'discorsi.db');
    const old = Date.now() - 100 * 86_400_000;
    const a = seed(file, 'u_old', old);
    const closed = seed(file, 'u_closed', old);
    closed.cases.close(closed.caseId, old);
    a.storage.privacy.purgeBefore(Date.now() - 90 * 86_400_000);
    const db = a.storage.db;
    expect((db.prepare("SELECT COUNT(*) AS n FROM messages").get() as { n: number }).n).toBe(0);
    expect((db.prepare("SELECT COUNT(*) AS n FROM feedback").get() as { n: number }).n).toBe(0);
    expect(a.cases.get(closed.caseId)).toBeUndefined();
    expect(a.cases.get(a.caseId)?.state).toBe('open');
    a.storage.close();
  });

  it('discorsi backup makes a consistent copy while the database is being written', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'discorsi.db');
    const { storage } = seed(file, 'u_dan', Date.now());
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) {
        storage.messages.append({ userId: 'u_dan', role: 'user', text: `m${i++}`, at: Date.now() });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const out = path.join(dataDir, 'copy.db');
    const result = await runCli(['backup', '--out', out], { env: { DATA_DIR: dataDir } });
    writing = false;
    await writer;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Backup written to/);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n).toBeGreaterThan(0);
    copy.close();
    storage.close();
    expect(fs.statSync(out).mode & 0o077).toBe(0);
  });
});
