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
import { HELPLINE_VALUES, type Triage } from '../triage/triage.ts';
import { LANGUAGE_NAMES } from '../core/languages.ts';
import type { Chunk } from '../rag/chunker.ts';
import { pickVersion } from '../answer/extractive.ts';
import menuData from './menu.json' with { type: 'json' };
import type { QuestionRewriter } from '../llm/language-tasks.ts';
import { redact } from '../llm/redact.ts';
import { renderPlainText } from './render-text.ts';
import { decide, DEFAULT_MODEL, type Decision, type DecisionModel } from './decide.ts';
import { isContinuation, withPrevious } from './follow-up.ts';
import { smalltalkIntent } from './smalltalk.ts';
import { detectRomanized, glossRomanized } from '../i18n/romanized.ts';
import { LexicalIndex } from '../rag/lexical-index.ts';
import { isStale } from '../knowledge/stale.ts';

export interface EngineOptions {
  retriever: Retriever;
  answerer: Answerer;
  triage: Triage;
  detector: LanguageDetector;
  translate: Translate;
  defaultLanguage: Language;
  /** Below this confidence the engine says it does not know (CONFIDENCE_THRESHOLD): a floor under the decision model. */
  confidenceThreshold: number;
  /** The answer / clarify / no-answer model (default: ./decision-model.json, fitted on the tune split). */
  decisionModel?: DecisionModel;
  /** Today, for stale knowledge (tests pass a fixed day). */
  today?: () => Date;
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

/** What retrieval and the decision found for a message (for tuning scripts and tests). */
export interface Assessment {
  language: Language;
  query: string;
  hits: ItemHit[];
  decision: Decision;
  /** The previous question was used to read this one. */
  usedContext: boolean;
  romanized: boolean;
}

export interface Engine {
  handle(message: InboundMessage, options?: HandleOptions): Promise<Reply>;
  /** Answers with one known item (a tap on a menu entry or a "did you mean…?" option), in the person's language; `more` gives the rest of it. */
  answerItem(itemId: string, language: Language, audience: InboundMessage['audience'], options?: { more?: boolean }): Promise<Reply | undefined>;
  /** Retrieval and decision only, without triage (tuning and tests). */
  assess(message: InboundMessage): Promise<Assessment>;
  /** The most asked questions of a topic: item ids with their titles in the person's language. */
  menu(topic: MenuTopic, language: Language): { id: string; title: string }[];
  /** The documents the bot knows for a topic (one line per item), with their verified dates. */
  sources(topic: string | undefined, language: Language): { id: string; title: string; source: string; verified: string; audience: string }[];
  /** Resolves the language of a text for a person, as `handle` would. */
  languageOf(message: Pick<InboundMessage, 'text' | 'languageHint' | 'languageChosen' | 'languageFixed'>): Language;
}

// Control characters except tab and newline; zero-width and bidi controls that can hide text.
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Retrieval reads the start and the end of an over-long message; triage reads all of it. */
const QUERY_HEAD_CHARS = 2000;
const QUERY_TAIL_CHARS = 800;
/** A message that names nothing the bot covers is answered only on stronger evidence. */
const OFF_TOPIC_EXTRA = 0.15;

export function cleanText(text: string): string {
  return text.normalize('NFC').replace(CONTROL_RE, ' ').replace(/[ \t]+/g, ' ').trim();
}

export function createEngine(options: EngineOptions): Engine {
  const { retriever, answerer, triage, detector, translate: t } = options;
  const model = options.decisionModel ?? DEFAULT_MODEL;
  const today = options.today ?? (() => new Date());

  function languageOf(message: Pick<InboundMessage, 'text' | 'languageHint' | 'languageChosen' | 'languageFixed'>): Language {
    if (message.languageFixed) return message.languageFixed;
    const roman = detectRomanized(message.text.slice(0, 1000));
    if (roman) return roman.language;
    const detection = detector.detect(message.text.slice(0, 1000));
    if (detection.reliable && detection.language) return detection.language;
    return message.languageChosen ?? message.languageHint ?? detection.language ?? options.defaultLanguage;
  }

  function reply(
    kind: ReplyKind,
    language: Language,
    parts: ReplyParts,
    extra: { confidence?: number; reason?: HandoffReason | null; offered?: boolean; topic?: string; triage?: string; options?: Reply['options']; priority?: number } & Partial<Pick<Reply, 'citations'>>,
  ): Reply {
    const citations = kind === 'answer' ? extra.citations ?? [] : [];
    const full: ReplyParts = { ...parts, sourcesLabel: t(language, 'answer.sources'), checkedLabel: t(language, 'answer.checked') };
    const optionLines = extra.options?.length ? `\n${extra.options.map((o, i) => `${i + 1}. ${o.title}`).join('\n')}` : '';
    return {
      kind,
      language,
      text: renderPlainText(full, citations) + optionLines,
      citations: citations.map((c) => (c.verified === 'unknown' ? { ...c, verified: t(language, 'answer.date_unknown') } : c)),
      confidence: Math.round((extra.confidence ?? 0) * 100) / 100,
      handoff: { offered: extra.offered ?? extra.reason != null, reason: extra.reason ?? null },
      parts: full,
      topic: extra.topic,
      triage: extra.triage,
      ...(extra.options ? { options: extra.options } : {}),
      ...(extra.priority ? { priority: extra.priority } : {}),
    };
  }

  function urgentText(lang: Language, key: string): string {
    return t(lang, key, { ...HELPLINE_VALUES, number: HELPLINE_VALUES.emergency! });
  }

  function titleIn(id: string, language: Language): string {
    return pickVersion(options.versions(id), language)?.chunks[0]?.title ?? id;
  }

  /** One line when the reply is not in the person's language, or when they wrote their language in Latin letters. */
  function noticeFor(answer: { language: Language } | undefined, language: Language, romanized: boolean): string | undefined {
    if (answer && answer.language !== language) return t(language, 'answer.not_in_your_language', { language: LANGUAGE_NAMES[answer.language] });
    return romanized ? t(language, 'answer.romanized', { language: LANGUAGE_NAMES[language] }) : undefined;
  }

  /** One line when the answer's facts are past their review date. */
  function staleNoteOf(answer: { language: Language; reviewBy?: string; citations: { source: string }[] }): string | undefined {
    return isStale(answer.reviewBy, today()) ? t(answer.language, 'answer.stale', { date: answer.reviewBy ?? '', source: answer.citations[0]?.source ?? '' }) : undefined;
  }

  /** Retrieval and the decision, reading a follow-up with the previous question when it continues it. */
  async function assess(message: InboundMessage): Promise<Assessment> {
    const raw = message.text.length > QUERY_HEAD_CHARS + QUERY_TAIL_CHARS
      ? `${message.text.slice(0, QUERY_HEAD_CHARS)}\n${message.text.slice(-QUERY_TAIL_CHARS)}`
      : message.text;
    const text = cleanText(raw);
    const language = languageOf({ ...message, text });
    const romanized = detectRomanized(text.slice(0, 1000))?.language === language;
    const retrieve = (q: string) => retriever.retrieve({ text: q, lang: language, audience: message.audience, topic: message.topic, k: 5 });
    const judgeHits = (hits: ItemHit[], q: string) => decide(hits, LexicalIndex.queryTerms(q, language).length, (h) => titleIn(h.id, language), model);
    // Phone numbers, e-mails, fiscal codes and document numbers say nothing about the question.
    let query = redact(text).text.replace(/\[[A-Z_]+_\d+\]/g, ' ');
    if (romanized) query = glossRomanized(query, language);
    let hits = await retrieve(query);
    let decision = judgeHits(hits, query);
    let usedContext = false;
    if (decision.kind !== 'answer' && isContinuation(text, language, message.history)) {
      const contextual = (options.rewriter ? await options.rewriter.rewrite(text, message.history!) : undefined) ?? withPrevious(query, message.history);
      const contextualHits = await retrieve(contextual);
      const second = judgeHits(contextualHits, contextual);
      if (second.p > decision.p) {
        query = contextual;
        hits = contextualHits;
        decision = second;
        usedContext = true;
      }
    }
    return { language, query, hits, decision, usedContext, romanized };
  }

  async function answerFrom(hits: ItemHit[], query: string, language: Language, message: InboundMessage, extra: { urgent?: string; reason: HandoffReason | null; triageName?: string; confidence: number; romanized: boolean; onPartial?: (text: string) => void; sensitive?: boolean; priority?: number }): Promise<Reply> {
    const answer = await answerer.answer({ question: query, language, audience: message.audience, hits, sensitive: extra.sensitive, onPartial: extra.onPartial, whereLabel: t(language, 'answer.where') });
    const notice = noticeFor(answer, language, extra.romanized);
    const stale = staleNoteOf(answer);
    return reply('answer', answer.language, {
      urgent: extra.urgent, notice, title: answer.title, gist: answer.gist, details: answer.details, more: answer.more, staleNote: stale,
      closing: extra.reason ? t(answer.language, 'handoff.offer') : undefined,
    }, { confidence: extra.confidence, reason: extra.reason, citations: answer.citations, topic: hits[0]!.chunk.topic, triage: extra.triageName, priority: extra.priority });
  }

  async function handle(message: InboundMessage, handleOptions: HandleOptions = {}): Promise<Reply> {
    const whole = cleanText(message.text);
    const language = languageOf({ ...message, text: whole.slice(0, 3000) });
    if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(whole)) {
      return reply('no_answer', language, { gist: t(language, 'input.empty') }, {});
    }
    // Triage reads the whole message: a danger sentence may sit anywhere in a long story.
    const result = triage.classify(whole, { audience: message.audience });
    const primary = result.primary;
    const triageName = primary?.name;
    const priority = result.priority;
    const severity = primary?.rule.severity;

    if (severity === 'emergency') {
      return reply('emergency', language, { urgent: urgentText(language, primary!.rule.message), closing: t(language, message.audience === 'operator' ? 'emergency.operator_guidance' : 'emergency.person_offer') }, { reason: 'emergency', topic: primary!.rule.topic, triage: triageName, confidence: 1, priority });
    }
    if (message.text.length > options.maxMessageChars) {
      const alarm = severity === 'sensitive';
      return reply(alarm ? 'handoff' : 'no_answer', language, {
        urgent: alarm ? urgentText(language, primary!.rule.message) : undefined,
        gist: t(language, 'input.too_long', { max: options.maxMessageChars }),
        closing: alarm ? t(language, 'handoff.offer') : undefined,
      }, { reason: alarm ? 'sensitive' : null, triage: triageName, priority, topic: primary?.rule.topic });
    }
    // "Are you a robot?" is small talk, not a request for a person.
    const intent = smalltalkIntent(whole);
    if (intent && (!primary || primary.name === 'user_request')) {
      return reply('smalltalk', language, { gist: t(language, `smalltalk.${intent}`), closing: intent === 'bye' || intent === 'thanks' || intent === 'ok' ? undefined : t(language, 'smalltalk.hint') }, { confidence: 1 });
    }
    if (severity === 'handoff' || (primary && result.categories.includes('user_request'))) {
      const sensitive = severity === 'sensitive' ? urgentText(language, primary!.rule.message) : undefined;
      return reply('handoff', language, { urgent: sensitive, gist: t(language, 'handoff.requested'), details: t(language, 'handoff.next') }, { reason: sensitive ? 'sensitive' : 'user_request', topic: primary!.rule.topic, triage: triageName, confidence: 1, priority });
    }

    const { hits: found, query, decision, romanized, usedContext } = await assess(message);
    // A situation triage recognised names the items that answer it: prefer them when retrieval found
    // them, unless retrieval is confident that the question is about something else.
    const wanted = primary?.rule.items ?? [];
    // Only the first item counts: a triage alarm never turns a weak second card into a confident answer.
    const preferred = wanted.includes(found[0]?.id ?? '') && decision.p >= model.clarify_at ? found[0] : undefined;
    const hits = preferred ? [preferred, ...found.filter((h) => h !== preferred)] : found;
    const urgent = severity === 'sensitive' || severity === 'opinion' ? urgentText(language, primary!.rule.message) : undefined;
    const reason: HandoffReason | null = severity === 'sensitive' || severity === 'opinion' ? 'sensitive' : null;
    // On topic: words of the bot's subjects, an official term, or a card that covers most of the question.
    // A follow-up read with the previous question is on topic when that question was.
    const scopeText = usedContext ? query : whole;
    const onTopic = result.inScope || (usedContext && triage.classify(scopeText).inScope) || Boolean(options.mentionsOfficialTerm?.(scopeText)) || (decision.features.coverage >= 0.5 && decision.features.missing < 0.6);
    const confidence = decision.p;
    const answerable = hits.length > 0 && (preferred !== undefined || (decision.kind === 'answer' && (onTopic || decision.p >= model.answer_at + OFF_TOPIC_EXTRA) && decision.features.confidence >= options.confidenceThreshold * 0.5));
    if (answerable) {
      return answerFrom(hits, query, language, message, { urgent, reason, triageName, confidence, romanized, onPartial: handleOptions.onPartial, sensitive: severity === 'sensitive', priority });
    }
    const notice = noticeFor(undefined, language, romanized);
    const choices = decision.options.map((h) => ({ id: h.id, title: titleIn(h.id, language) }));
    if (severity === 'sensitive' && primary!.rule.urgentKind === 'emergency') {
      return reply('emergency', language, { urgent, closing: t(language, 'emergency.person_offer') }, { confidence, reason: 'sensitive', topic: primary!.rule.topic, triage: triageName, priority });
    }
    // "Did you mean…?" also after the first lines of help of a sensitive situation: a person is offered either way.
    if (decision.kind === 'clarify' && (onTopic || severity)) {
      return reply('clarify', language, { urgent, notice, gist: t(language, 'clarify.ask'), closing: t(language, 'clarify.none') }, { confidence, options: choices, topic: primary?.rule.topic ?? hits[0]?.chunk.topic, triage: triageName, reason: reason ?? 'low_confidence', priority });
    }
    if (severity === 'sensitive' || severity === 'opinion') {
      return reply('no_answer', language, { urgent, gist: t(language, 'handoff.sensitive'), closing: t(language, 'handoff.offer') }, { confidence, reason: 'sensitive', topic: primary!.rule.topic, triage: triageName, priority });
    }
    if (!onTopic) {
      return reply('out_of_scope', language, { gist: t(language, 'out_of_scope.text'), details: t(language, 'out_of_scope.examples') }, { confidence });
    }
    return reply('no_answer', language, { notice, gist: t(language, 'no_answer.text'), closing: t(language, 'no_answer.offer') }, { confidence, reason: 'low_confidence' });
  }

  async function answerItem(itemId: string, language: Language, audience: InboundMessage['audience'], itemOptions: { more?: boolean } = {}): Promise<Reply | undefined> {
    const version = pickVersion(options.versions(itemId), language);
    const chunk = version?.chunks[0];
    if (!chunk || (audience === 'migrant' && chunk.audience !== 'migrant')) return undefined;
    const hit: ItemHit = { id: itemId, score: 1, similarity: 1, coverage: 1, chunk };
    const answer = await answerer.answer({ question: '', language, audience, hits: [hit], whereLabel: t(language, 'answer.where') });
    const notice = noticeFor(answer, language, false);
    const stale = staleNoteOf(answer);
    const parts: ReplyParts = itemOptions.more
      ? { title: answer.title, details: answer.more ?? answer.details }
      : { notice, title: answer.title, gist: answer.gist, details: answer.details, more: answer.more, staleNote: stale };
    return reply('answer', answer.language, parts, { confidence: 1, citations: answer.citations, topic: chunk.topic });
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

  return { handle, answerItem, assess, menu, sources, languageOf };
}
