/** `discorsi ask [--lang CODE] [--json] [--audience migrant|operator] QUESTION...` */
import { UsageError } from '../core/errors.ts';
import { isLanguage } from '../core/languages.ts';
import type { Audience, Reply } from '../core/types.ts';
import { parse } from './args.ts';
import { openRuntime } from './runtime.ts';
import { renderTerminal } from '../channels/terminal/render.ts';

const USAGE = 'usage: discorsi ask [--lang CODE] [--json] [--audience migrant|operator] QUESTION...';

/** The CONTRACT §2 object, and nothing else. */
export function toContractJson(reply: Reply) {
  return {
    kind: reply.kind,
    language: reply.language,
    text: reply.text,
    citations: reply.citations,
    confidence: reply.confidence,
    handoff: reply.handoff,
    ...(reply.kind === 'clarify' ? { options: reply.options ?? [] } : {}),
  };
}

export async function runAsk(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    lang: { type: 'string' },
    json: { type: 'boolean', default: false },
    audience: { type: 'string', default: 'migrant' },
  }, USAGE);
  const question = positionals.join(' ').trim();
  const problems: string[] = [];
  if (!question) problems.push('a question is required', USAGE);
  if (values.lang !== undefined && !isLanguage(values.lang)) problems.push(`--lang must be one of it en fr es ar ro sq zh uk pt bn ur (got "${values.lang}")`);
  if (values.audience !== 'migrant' && values.audience !== 'operator') problems.push('--audience must be migrant or operator');
  if (problems.length) throw new UsageError(problems);

  const { runtime } = await openRuntime({ logLevel: 'warn', quiet: values.json });
  const reply = await runtime.engine.handle({
    userId: 'cli',
    channel: 'cli',
    text: question,
    audience: values.audience as Audience,
    languageFixed: isLanguage(values.lang) ? values.lang : undefined,
  });
  process.stdout.write(values.json ? `${JSON.stringify(toContractJson(reply))}\n` : `${renderTerminal(reply)}\n`);
  return 0;
}
