/**
 * Pseudonymous user ids: a keyed hash (HMAC-SHA256) of platform and platform id. The key is
 * created on first start in DATA_DIR and never leaves it, so ids cannot be reversed or linked to
 * a Telegram or Slack account without it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type Pseudonymise = (platform: string, id: string | number) => string;

export function loadOrCreateKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'pseudonym.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}

export function createPseudonymiser(key: Buffer): Pseudonymise {
  return (platform, id) => `u_${crypto.createHmac('sha256', key).update(`${platform}:${id}`).digest('base64url').slice(0, 22)}`;
}
