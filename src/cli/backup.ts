/** `discorsi backup [--out FILE]`: a consistent copy of the database, safe while the bot runs (SQLite online backup). */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { UsageError } from '../core/errors.ts';
import { parse } from './args.ts';

export async function runBackup(args: string[]): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' } }, 'usage: discorsi backup [--out FILE]');
  const config = loadConfig();
  const source = path.join(config.dataDir, 'discorsi.db');
  if (!fs.existsSync(source)) throw new UsageError([`no database at ${source}: nothing to back up yet`]);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = path.resolve(values.out ?? path.join(config.dataDir, 'backups', `discorsi-${stamp}.db`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(out);
  } finally {
    db.close();
  }
  fs.chmodSync(out, 0o600);
  process.stdout.write(`Backup written to ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KB)\n`);
  return 0;
}
