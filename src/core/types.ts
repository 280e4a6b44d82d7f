import type { Language } from './languages.ts';

/** Who the reader is: migrants get the migrant cards; operators get everything. */
export type Audience = 'migrant' | 'operator';

/** A message from any channel, already turned into our own shape by its adapter. */
export interface InboundMessage {
  /** Pseudonymous, stable id of the person (never a phone number or username). */
  userId: string;
  /** The channel it came from, e.g. `telegram`, `slack`, `terminal`, `cli`. */
  channel: string;
  text: string;
  audience: Audience;
  /** Language the person chose, or their platform's language, used when the text is too short to tell. */
  languageHint?: Language;
  /** Language the person chose (`/language`): used when the text does not clearly show another. */
  languageChosen?: Language;
  /** Language imposed by the caller (`ask --lang`): wins over detection. */
  languageFixed?: Language;
  /** Restrict retrieval to one topic (topic menus, `/sources`). */
  topic?: string;
  /** Earlier turns of this conversation, oldest first (for follow-ups). */
  history?: readonly { role: 'user' | 'bot'; text: string }[];
}

export type ReplyKind = 'answer' | 'no_answer' | 'emergency' | 'handoff' | 'out_of_scope' | 'clarify' | 'smalltalk';
export type HandoffReason = 'user_request' | 'low_confidence' | 'emergency' | 'sensitive' | 'repeated_failure';

export interface Citation {
  id: string;
  title: string;
  source: string;
  verified: string;
}

/**
 * What the engine answers. `text` is the reply exactly as a plain-text reader sees it;
 * `parts` lets richer channels (Telegram, Slack) format the same content.
 */
export interface Reply {
  kind: ReplyKind;
  language: Language;
  text: string;
  citations: Citation[];
  confidence: number;
  handoff: { offered: boolean; reason: HandoffReason | null };
  parts: ReplyParts;
  /** Topic of the item answered, or of the triage category. */
  topic?: string;
  /** Triage category that shaped this reply, if any (e.g. `domestic_violence`). */
  triage?: string;
  /** `clarify`: the two or three items the person may mean, titles in the reply's language. */
  options?: { id: string; title: string }[];
  /** Case priority the triage ladder gives this message (1 = most urgent), when it calls for a person. */
  priority?: number;
}

export interface ReplyParts {
  /** Urgent lines shown before anything else (emergency numbers). */
  urgent?: string;
  /** One sentence saying the reply is not in the user's language. */
  notice?: string;
  title?: string;
  /** The gist: one or two sentences. */
  gist?: string;
  /** The next step (steps, where to go), Markdown-light: `## heading`, `1.` and `-` lists. Gist + details fit a phone screen. */
  details?: string;
  /** The rest of the card, behind a "More" button (Telegram) or in the thread (Slack). */
  more?: string;
  /** One line when the facts are past their review date: they may have changed, and where to check. */
  staleNote?: string;
  /** The closing line: the offer of a person, or what the bot can help with. */
  closing?: string;
  /** Label before the sources list, in the reply's language. */
  sourcesLabel?: string;
  /** Label before a verified date, in the reply's language. */
  checkedLabel?: string;
}
