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
    ['it', "Cos'è la residenza fittizia per chi non ha casa a Torino?"],
    ['en', 'What is the fictitious residence (residenza fittizia) for homeless people in Turin?'],
    ['ar', 'ما هي الإقامة الوهمية (residenza fittizia) للأشخاص بلا مأوى في تورينو؟'],
  ])('in %s the answer names via Lia Varesio and the old via della Casa Comunale', async (lang, question) => {
    let reply = await runtime.engine.handle({ userId: 'f', channel: 'test', text: question, audience: 'migrant', languageHint: lang as never });
    // "Did you mean…?" is fine when its first option is the card: the person taps it.
    if (reply.kind === 'clarify') {
      expect(reply.options![0]!.id).toBe('housing/fictitious-residence');
      reply = (await runtime.engine.answerItem(reply.options![0]!.id, lang as never, 'migrant'))!;
    }
    const seen = `${reply.text}\n${reply.parts.more ?? ''}`;
    expect(reply.kind).toBe('answer');
    expect(reply.language).toBe(lang);
    expect(reply.citations[0]!.id).toBe('housing/fictitious-residence');
    expect(seen).toMatch(/Lia Varesio/);
    expect(seen).toMatch(/Casa Comunale/i);
  });
});
