/**
 * The turn: clean input → language → triage → retrieve → answer or hand off. Channel-agnostic:
 * an InboundMessage in, a Reply out. Telegram, Slack and the terminal only adapt and render.
 */
import type { Language } from '../core/languages.ts';
import type { HandoffReason, InboundMessage, Reply, ReplyKind, ReplyParts } from '../core/types.ts';
import type { Answerer } from '../answer/answer.ts';
import type { LanguageDetector } from '../i18n/detect-language.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { ItemHit, Retriever } from '../rag/retriever.ts';
import { HELPLINE_VALUES, type Triage, type TriageResult } from '../triage/triage.ts';
import { LANGUAGE_NAMES } from '../core/languages.ts';
import type { Chunk } from '../rag/chunker.ts';
import { pickVersion } from '../answer/extractive.ts';
import menuData from './menu.json' with { type: 'json' };
import { confidenceOf } from './confidence.ts';
import { contentWords } from '../rag/text.ts';
import type { QuestionRewriter } from '../llm/language-tasks.ts';
import { redact } from '../llm/redact.ts';
import { renderPlainText } from './render-text.ts';

export interface EngineOptions {
  retriever: Retriever;
  answerer: Answerer;
  triage: Triage;
  detector: LanguageDetector;
  translate: Translate;
  defaultLanguage: Language;
  /** Below this confidence the engine says it does not know (CONFIDENCE_THRESHOLD). */
  confidenceThreshold: number;
  /** Longer messages are politely refused (after triage has looked for an emergency). */
  maxMessageChars: number;
  /** Every language version of an item (for menus and direct answers). */
  versions: (itemId: string) => Map<Language, Chunk[]>;
  /** Every item id in the index. */
  itemIds: () => readonly string[];
  /** Whether a message names an official term of the bot's subjects (glossary): then it is on topic. */
  mentionsOfficialTerm?: (text: string) => boolean;
  /** With a model: rewrites follow-ups into self-contained questions (else a simple heuristic). */
  rewriter?: QuestionRewriter;
}

export type MenuTopic = keyof typeof menuData.topics;
export const MENU_TOPICS = Object.keys(menuData.topics) as MenuTopic[];

/** Answers one message. */
export interface HandleOptions {
  /** Receives a generated answer as it is written (streaming channels). */
  onPartial?: (text: string) => void;
}

export interface Engine {
  handle(message: InboundMessage, options?: HandleOptions): Promise<Reply>;
  /** Answers with one known item (a tap on a menu entry), in the person's language. */
  answerItem(itemId: string, language: Language, audience: InboundMessage['audience']): Promise<Reply | undefined>;
  /** The most asked questions of a topic: item ids with their titles in the person's language. */
  menu(topic: MenuTopic, language: Language): { id: string; title: string }[];
  /** The documents the bot knows for a topic (one line per item), with their verified dates. */
  sources(topic: string | undefined, language: Language): { id: string; title: string; source: string; verified: string; audience: string }[];
  /** Resolves the language of a text for a person, as `handle` would. */
  languageOf(message: Pick<InboundMessage, 'text' | 'languageHint' | 'languageChosen' | 'languageFixed'>): Language;
}

// Control characters except tab and newline; zero-width and bidi controls that can hide text.
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Triage reads the start and the end of an over-long message (its patterns cost time on long text). */
const TRIAGE_HEAD_CHARS = 2000;
const TRIAGE_TAIL_CHARS = 800;

/** Confidence needed to answer a message that mentions none of the bot's subjects. */
const OFF_TOPIC_THRESHOLD = 0.7;

/** How far below the threshold an answer both retrieval methods agree on may be. */
const AGREEMENT_ALLOWANCE = 0.1;

/** A follow-up is searched with its context unless it already finds this much above the threshold. */
const FOLLOW_UP_MARGIN = 0.25;

/** Words in a message below which it is read as a follow-up of the previous question ("and for my children?"). */
const FOLLOW_UP_WORDS = 4;

/** A short follow-up is searched together with the person's previous question. */
export function withContext(text: string, language: Language, history: InboundMessage['history']): string {
  const previous = [...(history ?? [])].reverse().find((h) => h.role === 'user')?.text;
  if (!previous || contentWords(text, language).length > FOLLOW_UP_WORDS) return text;
  return `${previous.slice(0, 500)}\n${text}`;
}

export function cleanText(text: string): string {
  return text.normalize('NFC').replace(CONTROL_RE, ' ').replace(/[ \t]+/g, ' ').trim();
}

export function createEngine(options: EngineOptions): Engine {
  const { retriever, answerer, triage, detector, translate: t } = options;

  function languageOf(message: Pick<InboundMessage, 'text' | 'languageHint' | 'languageChosen' | 'languageFixed'>): Language {
    if (message.languageFixed) return message.languageFixed;
    const detection = detector.detect(message.text.slice(0, 1000));
    if (detection.reliable && detection.language) return detection.language;
    return message.languageChosen ?? message.languageHint ?? detection.language ?? options.defaultLanguage;
  }

  function reply(
    kind: ReplyKind,
    language: Language,
    parts: ReplyParts,
    extra: { confidence?: number; reason?: HandoffReason | null; offered?: boolean; hits?: never; topic?: string; triage?: string } & Partial<Pick<Reply, 'citations'>>,
  ): Reply {
    const citations = kind === 'answer' ? extra.citations ?? [] : [];
    const full: ReplyParts = { ...parts, sourcesLabel: t(language, 'answer.sources'), checkedLabel: t(language, 'answer.checked') };
    return {
      kind,
      language,
      text: renderPlainText(full, citations),
      citations,
      confidence: extra.confidence ?? 0,
      handoff: { offered: extra.offered ?? extra.reason != null, reason: extra.reason ?? null },
      parts: full,
      topic: extra.topic,
      triage: extra.triage,
    };
  }

  function urgentText(lang: Language, key: string): string {
    return t(lang, key, { ...HELPLINE_VALUES, number: HELPLINE_VALUES.emergency! });
  }

  /** Moves an item the triage category names to the front, if retrieval found it at all. */
  function preferCategoryItems(hits: ItemHit[], result: TriageResult): ItemHit[] {
    const wanted = result.primary?.rule.items ?? [];
    const found = hits.find((h) => wanted.includes(h.id));
    return found ? [found, ...hits.filter((h) => h !== found)] : hits;
  }

  async function handle(message: InboundMessage, handleOptions: HandleOptions = {}): Promise<Reply> {
    const full = message.text.length > TRIAGE_HEAD_CHARS + TRIAGE_TAIL_CHARS
      ? `${message.text.slice(0, TRIAGE_HEAD_CHARS)}\n${message.text.slice(-TRIAGE_TAIL_CHARS)}`
      : message.text;
    const tooLong = message.text.length > options.maxMessageChars;
    const text = cleanText(full);
    const language = languageOf({ ...message, text });
    if (!/[\p{L}\p{N}]/u.test(text)) {
      return reply('no_answer', language, { gist: t(language, 'input.empty') }, {});
    }
    const result = triage.classify(text);
    const primary = result.primary;
    const triageName = primary?.name;

    if (primary?.rule.severity === 'emergency') {
      return reply('emergency', language, { urgent: urgentText(language, primary.rule.message), closing: t(language, 'emergency.person_offer') }, { reason: 'emergency', topic: primary.rule.topic, triage: triageName, confidence: 1 });
    }
    if (tooLong) {
      const sensitive = primary?.rule.severity === 'sensitive';
      return reply('no_answer', language, {
        urgent: sensitive ? urgentText(language, primary.rule.message) : undefined,
        gist: t(language, 'input.too_long', { max: options.maxMessageChars }),
        closing: sensitive ? t(language, 'handoff.offer') : undefined,
      }, { reason: sensitive ? 'sensitive' : null, triage: triageName });
    }
    if (primary?.rule.severity === 'handoff' || (primary && result.categories.includes('user_request'))) {
      const sensitive = primary.rule.severity === 'sensitive' ? urgentText(language, primary.rule.message) : undefined;
      return reply('handoff', language, { urgent: sensitive, gist: t(language, 'handoff.requested'), details: t(language, 'handoff.next') }, { reason: 'user_request', topic: primary.rule.topic, triage: triageName, confidence: 1 });
    }

    const retrieve = (q: string) => retriever.retrieve({ text: q, lang: language, audience: message.audience, topic: message.topic, k: 5 });
    // Phone numbers, e-mails, fiscal codes and document numbers say nothing about the question.
    let query = redact(text).text.replace(/\[[A-Z_]+_\d+\]/g, ' ');
    let hits = await retrieve(query);
    // A short message that finds little on its own may be a follow-up ("and for my children?"):
    // search it with the previous question (rewritten by the model when one is configured).
    const isFollowUp = (message.history?.length ?? 0) > 0 && contentWords(text, language).length <= FOLLOW_UP_WORDS;
    if (isFollowUp && confidenceOf(hits[0]) < options.confidenceThreshold + FOLLOW_UP_MARGIN) {
      const contextual = (options.rewriter ? await options.rewriter.rewrite(text, message.history!) : undefined) ?? withContext(query, language, message.history);
      const contextualHits = await retrieve(contextual);
      if (confidenceOf(contextualHits[0]) > confidenceOf(hits[0])) {
        query = contextual;
        hits = contextualHits;
      }
    }
    hits = preferCategoryItems(hits, result);
    const confidence = confidenceOf(hits[0]);
    const severity = primary?.rule.severity;
    const urgent = severity === 'sensitive' ? urgentText(language, primary!.rule.message) : undefined;
    const opinion = severity === 'opinion' ? urgentText(language, primary!.rule.message) : undefined;
    const reason: HandoffReason | null = severity === 'sensitive' || severity === 'opinion' ? 'sensitive' : null;
    const preferred = Boolean(primary?.rule.items?.includes(hits[0]?.id ?? ''));

    // Nothing in the message is about what the bot covers: answer only on strong evidence.
    const onTopic = result.inScope || Boolean(options.mentionsOfficialTerm?.(text));
    const threshold = onTopic ? options.confidenceThreshold : Math.max(options.confidenceThreshold, OFF_TOPIC_THRESHOLD);
    // When BM25 and vectors independently agree on the best item, a slightly lower confidence is enough.
    const agreed = onTopic && Boolean(hits[0]?.agreed) && confidence >= threshold - AGREEMENT_ALLOWANCE;
    if (hits.length > 0 && (confidence >= threshold || preferred || agreed)) {
      const answer = await answerer.answer({ question: query, language, audience: message.audience, hits, sensitive: severity === 'sensitive', onPartial: handleOptions.onPartial });
      const notice = answer.language !== language
        ? t(language, 'answer.not_in_your_language', { language: LANGUAGE_NAMES[answer.language] })
        : undefined;
      return reply('answer', answer.language, {
        urgent: urgent ?? opinion,
        notice,
        title: answer.title,
        gist: answer.gist,
        details: answer.details,
        closing: reason ? t(answer.language, 'handoff.offer') : undefined,
      }, { confidence, reason, citations: answer.citations, topic: hits[0]!.chunk.topic, triage: triageName });
    }
    if (severity === 'sensitive' && primary!.rule.urgentKind === 'emergency') {
      return reply('emergency', language, { urgent, closing: t(language, 'emergency.person_offer') }, { confidence, reason: 'sensitive', topic: primary!.rule.topic, triage: triageName });
    }
    if (severity === 'sensitive' || severity === 'opinion') {
      return reply('no_answer', language, { urgent: urgent ?? opinion, gist: t(language, 'handoff.sensitive'), closing: t(language, 'handoff.offer') }, { confidence, reason: 'sensitive', topic: primary!.rule.topic, triage: triageName });
    }
    if (!onTopic) {
      return reply('out_of_scope', language, { gist: t(language, 'out_of_scope.text'), details: t(language, 'out_of_scope.examples') }, { confidence });
    }
    return reply('no_answer', language, { gist: t(language, 'no_answer.text'), closing: t(language, 'no_answer.offer') }, { confidence, reason: 'low_confidence' });
  }

  async function answerItem(itemId: string, language: Language, audience: InboundMessage['audience']): Promise<Reply | undefined> {
    const version = pickVersion(options.versions(itemId), language);
    const chunk = version?.chunks[0];
    if (!chunk || (audience === 'migrant' && chunk.audience !== 'migrant')) return undefined;
    const hit: ItemHit = { id: itemId, score: 1, similarity: 1, coverage: 1, chunk };
    const answer = await answerer.answer({ question: '', language, audience, hits: [hit] });
    const notice = answer.language !== language ? t(language, 'answer.not_in_your_language', { language: LANGUAGE_NAMES[answer.language] }) : undefined;
    return reply('answer', answer.language, { notice, title: answer.title, gist: answer.gist, details: answer.details }, { confidence: 1, citations: answer.citations, topic: chunk.topic });
  }

  function menu(topic: MenuTopic, language: Language) {
    return (menuData.topics[topic] ?? []).flatMap((id) => {
      const version = pickVersion(options.versions(id), language);
      const title = version?.chunks[0]?.title;
      return title ? [{ id, title }] : [];
    });
  }

  function sources(topic: string | undefined, language: Language) {
    return options.itemIds().flatMap((id) => {
      const chunk = pickVersion(options.versions(id), language)?.chunks[0];
      if (!chunk || (topic && chunk.topic !== topic)) return [];
      return [{ id, title: chunk.title, source: chunk.sources[0] ?? '', verified: chunk.verified, audience: chunk.audience }];
    }).sort((a, b) => a.id.localeCompare(b.id));
  }

  return { handle, answerItem, menu, sources, languageOf };
}
