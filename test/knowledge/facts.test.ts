/**
 * Facts corrected in round 2 reach people in their language: Turin's fictitious address for people
 * without a home is now via Lia Varesio (Giunta decision 752/2024), and the answer still names the
 * old "via della Casa Comunale" that offices and people use.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createRuntime, type Runtime } from '../../src/main.ts';
import { KNOWLEDGE, tempDir } from '../helpers/cli.ts';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createRuntime(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: KNOWLEDGE }), { log: createLogger('silent') });
}, 180_000);

describe('fictitious residence in Turin', () => {
  it.each([
    ['it', 'Dormo per strada a Torino: posso avere la residenza anche senza casa?'],
    ['en', 'I have no home in Turin, can I still get a residence address for my documents?'],
    ['ar', 'ليس لدي بيت في تورينو، هل يمكنني التسجيل في الإقامة (residenza) بعنوان البلدية؟'],
  ])('in %s the answer names via Lia Varesio and the old via della Casa Comunale', async (lang, question) => {
    const reply = await runtime.engine.handle({ userId: 'f', channel: 'test', text: question, audience: 'migrant', languageHint: lang as never });
    const seen = `${reply.text}\n${reply.parts.more ?? ''}`;
    expect(reply.kind).toBe('answer');
    expect(reply.language).toBe(lang);
    expect(reply.citations[0]!.id).toBe('housing/fictitious-residence');
    expect(seen).toMatch(/Lia Varesio/);
    expect(seen).toMatch(/Casa Comunale/i);
  });
});
