/**
 * Generated answers through an OpenAI-compatible server, behind the same Answerer port as the
 * extractive one. The prompt (prompts/) holds the rules; passages and the question are delimited
 * as data; personal data is redacted before anything leaves the machine. The output is verified
 * (citations, numbers, language); on any failure — timeout, 429, 5xx, empty, refusal, a number not
 * in the passages — the extractive answer is sent instead and the reason is counted.
 */
import type OpenAI from 'openai';
import { LANGUAGE_NAMES } from '../core/languages.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import type { LanguageDetector } from '../i18n/detect-language.ts';
import { fillPrompt } from '../llm/prompts.ts';
import { redact, restore } from '../llm/redact.ts';
import type { Answer, Answerer, AnswerRequest, VersionLookup } from './answer.ts';
import { clip, pickVersion, splitSections } from './extractive.ts';
import { verifyAnswer } from './verify.ts';

export interface GeneratedAnswererOptions {
  client: OpenAI;
  model: string;
  fallback: Answerer;
  versions: VersionLookup;
  detector: LanguageDetector;
  log: Logger;
  metrics?: Metrics;
  /** Overall budget for the model call, after which the extractive answer is used. */
  timeoutMs: number;
  maxPassages?: number;
}

const TRIAGE_RULES: Record<string, string> = {
  default: 'There is no emergency in this message.',
  sensitive: 'The situation may be serious: the emergency numbers are shown to the person before your answer; keep your answer calm and practical and end by offering a human operator.',
};

export function createGeneratedAnswerer(options: GeneratedAnswererOptions): Answerer {
  const maxPassages = options.maxPassages ?? 4;
  const fail = async (request: AnswerRequest, reason: string): Promise<Answer> => {
    options.metrics?.fallbacks.inc({ reason });
    options.log.warn({ reason }, 'generated answer replaced by the extractive one');
    const answer = await options.fallback.answer(request);
    return { ...answer, via: `extractive (fallback: ${reason})` };
  };

  return {
    async answer(request) {
      const items = request.hits.slice(0, maxPassages).flatMap((hit) => {
        const version = pickVersion(options.versions(hit.id), request.language);
        const chunk = version?.chunks.find((c) => c.part === hit.chunk.part) ?? version?.chunks[0] ?? hit.chunk;
        return chunk ? [chunk] : [];
      });
      const passages = items.map((c) => `${c.title}${c.section ? ` — ${c.section}` : ''}\n${c.text}`);
      const numbered = passages.map((p, i) => `[${i + 1}] ${p}`).join('\n\n');
      const question = redact(request.question);
      const system = fillPrompt('answer.system', {
        language: request.language,
        language_name: LANGUAGE_NAMES[request.language],
        triage_rule: request.sensitive ? TRIAGE_RULES.sensitive! : TRIAGE_RULES.default!,
        max_words: request.audience === 'operator' ? 250 : 120,
      });
      const user = fillPrompt('answer.user', { passages: numbered, question: question.text });
      let text: string;
      try {
        const signal = AbortSignal.timeout(options.timeoutMs);
        if (request.onPartial) {
          const stream = await options.client.chat.completions.create({ model: options.model, temperature: 0.1, stream: true, messages: [{ role: 'system', content: system }, { role: 'user', content: user }] }, { signal });
          text = '';
          for await (const part of stream) {
            text += part.choices[0]?.delta?.content ?? '';
            request.onPartial(restore(text, question.map));
          }
        } else {
          const res = await options.client.chat.completions.create({ model: options.model, temperature: 0.1, messages: [{ role: 'system', content: system }, { role: 'user', content: user }] }, { signal });
          text = res.choices[0]?.message?.content ?? '';
        }
      } catch (err) {
        const status = (err as { status?: number }).status;
        const reason = status === 429 ? 'rate_limited' : status && status >= 500 ? 'server_error' : status ? `http_${status}` : /abort|timeout/i.test(String((err as Error).name) + String((err as Error).message)) ? 'timeout' : 'network';
        return fail(request, reason);
      }
      text = restore(text, question.map).trim();
      const problem = verifyAnswer({ text, passages, language: request.language, detector: options.detector });
      if (problem) return fail(request, problem);
      options.metrics?.generated.inc();
      const cited = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].filter((n) => n >= 1 && n <= items.length);
      const { lead, sections } = splitSections(text);
      const gist = lead || sections[0]?.text || text;
      const rest = text.slice(text.indexOf(gist) + gist.length).trim();
      const first = items[(cited[0] ?? 1) - 1]!;
      return {
        language: request.language,
        title: first.title,
        gist: clip(gist, 900),
        details: rest,
        citations: cited.map((n) => items[n - 1]!).map((c) => ({ id: c.itemId, title: c.title, source: c.sources[0] ?? '', verified: c.verified })),
        via: 'generated',
      };
    },
  };
}
