/** Past its review date, an answer says in one line that the information may have changed, and where to check. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createRuntime } from '../../src/main.ts';
import { tempDir } from '../helpers/cli.ts';
import { card, writeFile } from '../helpers/fixtures.ts';

describe('stale knowledge', () => {
  it('flags an answer from a card past review_by, and not one still within it', async () => {
    const knowledge = tempDir('discorsi-stale-k-');
    const source = 'https://www.comune.torino.it/informacasa/bando';
    writeFile(path.join(knowledge, 'cards/housing/old-call.it.md'), card({ id: 'housing/old-call', lang: 'it', title: 'Bando casa', topic: 'housing', body: 'Il bando per le case popolari è aperto fino al 30 giugno.', reviewBy: '2025-06-30', sources: [source] }));
    writeFile(path.join(knowledge, 'cards/housing/new-call.it.md'), card({ id: 'housing/new-call', lang: 'it', title: 'Sportello casa', topic: 'housing', body: 'Lo sportello casa riceve su appuntamento.', reviewBy: '2099-06-30', sources: [source] }));
    const rt = await createRuntime(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: knowledge }), { log: createLogger('silent') });
    const old = await rt.engine.answerItem('housing/old-call', 'it', 'migrant');
    expect(old!.parts.staleNote).toMatch(/cambiate/);
    expect(old!.parts.staleNote).toContain(source);
    const fresh = await rt.engine.answerItem('housing/new-call', 'it', 'migrant');
    expect(fresh!.parts.staleNote).toBeUndefined();
  }, 60_000);
});
