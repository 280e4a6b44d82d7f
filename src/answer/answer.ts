import type { Language } from '../core/languages.ts';
import type { Audience, Citation } from '../core/types.ts';
import type { Chunk } from '../rag/chunker.ts';
import type { ItemHit } from '../rag/retriever.ts';

export interface AnswerRequest {
  question: string;
  /** The person's language. */
  language: Language;
  audience: Audience;
  /** Best items first; the answerer uses the first and may cite more. */
  hits: ItemHit[];
  /** Triage found a sensitive situation: urgent lines are shown before the answer. */
  sensitive?: boolean;
  /** Heading of the "where to go" block, in the person's language. */
  whereLabel?: string;
  /** Receives the text as it is generated (streaming channels); the final answer is verified. */
  onPartial?: (text: string) => void;
}

/** Content of a grounded answer; the engine adds notices, urgent lines and the closing. */
export interface Answer {
  /** Language the content is written in (may differ from the request's when no translation exists). */
  language: Language;
  title: string;
  gist: string;
  /** The next step: what fits on a phone screen with the gist (about 600 characters in all). */
  details: string;
  /** The rest of the item, for "More". */
  more?: string;
  /** The item's review date, when it has one (stale facts are flagged by the engine). */
  reviewBy?: string;
  citations: Citation[];
  /** Which answerer produced it, and why it fell back if it did (counted, never shown). */
  via: string;
}

/** Writes an answer from retrieved items. */
export interface Answerer {
  answer(request: AnswerRequest): Promise<Answer>;
}

/** Gives the chunks of one language version of an item. */
export type VersionLookup = (itemId: string) => Map<Language, Chunk[]>;
