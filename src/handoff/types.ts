import type { Language } from '../core/languages.ts';
import type { HandoffReason } from '../core/types.ts';

export type CaseState = 'open' | 'claimed' | 'closed' | 'expired';

/** A request for a person, persisted: every transition is one transaction. */
export interface Case {
  id: string;
  userId: string;
  /** Channel of the person (`telegram`, …) and where to reach them there (e.g. a chat id). */
  channel: string;
  address: string;
  language: Language;
  topic?: string;
  reason: HandoffReason;
  /** 1 = emergency, 2 = sensitive, 3 = normal; lower is more urgent. */
  priority: number;
  state: CaseState;
  /** Operator id as in OPERATOR_IDS (`slack:U123`, `telegram:456`) and first name. */
  owner?: string;
  ownerName?: string;
  createdAt: number;
  updatedAt: number;
  lastActivityAt: number;
  claimedAt?: number;
  closedAt?: number;
  remindedAt?: number;
}

export type CaseAuthor = 'user' | 'bot' | 'operator' | 'note' | 'system';

export interface CaseMessage {
  caseId: string;
  author: CaseAuthor;
  authorId?: string;
  text: string;
  at: number;
}

/** Something to deliver, persisted before it is sent (outbox): to a person, or to operators. */
export interface OutboxItem {
  id: number;
  caseId?: string;
  userId?: string;
  /** Which deliverer sends it: `telegram:user`, `telegram:operators`, `slack:operators`. */
  target: string;
  payload: OutboxPayload;
  attempts: number;
}

export type OutboxPayload =
  /** A message to the person, in their chat. */
  | { type: 'user_text'; address: string; text: string; rating?: boolean; from?: string }
  /** The case card for operators (posted once, then updated in place). */
  | { type: 'case_card'; caseId: string; update: boolean; reminder?: boolean }
  /** A line in the case thread for operators. */
  | { type: 'thread_text'; caseId: string; author: CaseAuthor; text: string };

/** Case priority for a rung of the triage ladder: emergencies and urgent protection first, then urgent social needs. */
export function priorityForLevel(level: number): number {
  return level <= 2 ? 1 : level === 3 ? 2 : 3;
}

export function priorityFor(reason: HandoffReason): number {
  return reason === 'emergency' ? 1 : reason === 'sensitive' ? 2 : 3;
}
