/**
 * Human handoff: opens cases, tells the person where they stand, relays messages between the
 * person and the claiming operator through the outbox, and runs reminders and expiry.
 * Channel-agnostic: deliveries are outbox items picked up by each channel's deliverer.
 */
import type { Logger } from '../core/logger.ts';
import type { Translate } from '../i18n/i18n.ts';
import { HELPLINE_VALUES } from '../triage/triage.ts';
import type { BusinessHours } from './hours.ts';
import type { HandoffStore, OpenRequest } from './store.ts';
import type { Case, CaseAuthor } from './types.ts';

export interface HandoffOptions {
  store: HandoffStore;
  translate: Translate;
  hours: BusinessHours;
  log: Logger;
  /** Outbox targets where operators receive cases (`slack:operators`, `telegram:operators`). */
  operatorTargets: readonly string[];
  /** The allow-list (OPERATOR_IDS), checked on every operator action. */
  operatorIds: readonly string[];
  reminderMs: number;
  expiryMs: number;
  now?: () => number;
  /** Wakes the outbox worker after something was enqueued. */
  onEnqueue?: () => void;
}

export interface HandoffRequest extends Omit<OpenRequest, 'now'> {
  /** The person's message that led here, and the bot's answer, for the operators' summary. */
  botText?: string;
  /** Earlier messages of the conversation (oldest first), for the summary. */
  history?: readonly { role: 'user' | 'bot'; text: string }[];
}

export type OperatorOutcome =
  | { ok: true; message: string; case: Case }
  | { ok: false; message: string; case?: Case };

export function createHandoffService(options: HandoffOptions) {
  const { store, translate: t, log } = options;
  const now = options.now ?? Date.now;

  function enqueue(item: Parameters<HandoffStore['enqueue']>[0]) {
    store.enqueue(item);
    options.onEnqueue?.();
  }
  function toOperators(c: Case, payload: { type: 'case_card'; update: boolean; reminder?: boolean } | { type: 'thread_text'; author: CaseAuthor; text: string }, at: number) {
    for (const target of options.operatorTargets) enqueue({ target, caseId: c.id, userId: c.userId, payload: { ...payload, caseId: c.id }, now: at });
  }
  function toUser(c: Case, text: string, at: number, extra: { rating?: boolean; from?: string } = {}) {
    enqueue({ target: `${c.channel}:user`, caseId: c.id, userId: c.userId, payload: { type: 'user_text', address: c.address, text, ...extra }, now: at });
  }
  function authorize(operatorId: string, action: string, caseId?: string): boolean {
    const allowed = options.operatorIds.includes(operatorId);
    store.audit(operatorId, action, caseId, allowed, now());
    if (!allowed) log.warn({ action, allowed }, 'operator action refused: not on the allow-list');
    return allowed;
  }

  /** What the person is told: received, position, on duty or not, what to expect. */
  function statusText(c: Case, created: boolean): string {
    const lang = c.language;
    const position = store.queuePosition(c.id);
    const lines = [created ? t(lang, 'handoff.received') : t(lang, 'handoff.already_open')];
    if (position > 0) lines.push(t(lang, 'handoff.position', { position }));
    if (options.hours.isOpen(new Date(now()))) lines.push(t(lang, 'handoff.on_duty'));
    else {
      lines.push(t(lang, 'handoff.off_duty', { hours: options.hours.description }));
      if (c.reason === 'emergency' || c.reason === 'sensitive') lines.push(t(lang, 'emergency.preamble', { number: HELPLINE_VALUES.emergency! }));
    }
    if (options.operatorTargets.length === 0) lines.push(t(lang, 'handoff.no_operators'));
    lines.push(t(lang, 'handoff.next'));
    return lines.join('\n');
  }

  return {
    /** Opens a case (or adds to the open one) and returns what to tell the person. */
    request(req: HandoffRequest): { case: Case; created: boolean; text: string } {
      const at = now();
      const { case: c, created } = store.openOrAppend({ ...req, text: undefined, now: at });
      if (created) {
        for (const m of req.history ?? []) store.addMessage({ caseId: c.id, author: m.role, text: m.text, at });
      }
      if (req.text) store.addMessage({ caseId: c.id, author: 'user', text: req.text, at });
      if (req.botText) store.addMessage({ caseId: c.id, author: 'bot', text: req.botText, at });
      if (created) toOperators(c, { type: 'case_card', update: false }, at);
      else if (req.text) toOperators(c, { type: 'thread_text', author: 'user', text: req.text }, at);
      log.info({ reason: c.reason, priority: c.priority, created }, 'handoff requested');
      return { case: c, created, text: statusText(c, created) };
    },

    /** The person's active case, re-read from storage (never from a cached copy). */
    active: (userId: string) => store.activeForUser(userId),

    /**
     * A message from a person: added to their active case and posted in the operators' thread.
     * Returns true when an operator has the case: then the bot must not answer.
     */
    userMessage(userId: string, text: string): boolean {
      const c = store.activeForUser(userId);
      if (!c) return false;
      const at = now();
      store.addMessage({ caseId: c.id, author: 'user', text, at });
      toOperators(c, { type: 'thread_text', author: 'user', text }, at);
      return c.state === 'claimed';
    },

    /** The bot's answer while a case is open (unclaimed), so operators see what was said. */
    botAnswered(userId: string, text: string): void {
      const c = store.activeForUser(userId);
      if (!c || c.state !== 'open') return;
      const at = now();
      store.addMessage({ caseId: c.id, author: 'bot', text, at });
      toOperators(c, { type: 'thread_text', author: 'bot', text }, at);
    },

    claim(caseId: string, operatorId: string, operatorName: string): OperatorOutcome {
      if (!authorize(operatorId, 'claim', caseId)) return { ok: false, message: t('it', 'operator.not_allowed') };
      const result = store.claim(caseId, operatorId, operatorName, now());
      if (!result.ok) {
        const message = result.reason === 'taken' ? t('it', 'operator.already_claimed', { name: result.case?.ownerName ?? '?' }) : t('it', 'operator.case_closed');
        return { ok: false, message, case: result.case };
      }
      const c = result.case;
      const first = operatorName.split(/\s+/)[0] ?? operatorName;
      toUser(c, t(c.language, 'handoff.joined', { name: first }), now());
      toOperators(c, { type: 'case_card', update: true }, now());
      return { ok: true, message: t('it', 'operator.claimed', { name: operatorName }), case: c };
    },

    /** A message written by an operator in the case thread: relayed, kept as a note, or refused. */
    operatorMessage(caseId: string, operatorId: string, text: string): OperatorOutcome | undefined {
      const c = store.get(caseId);
      if (!c) return undefined;
      const at = now();
      const note = /^\s*note:/i.test(text);
      if (note) {
        if (!authorize(operatorId, 'note', caseId)) return { ok: false, message: t('it', 'operator.not_allowed'), case: c };
        store.addMessage({ caseId, author: 'note', authorId: operatorId, text: text.replace(/^\s*note:\s*/i, ''), at });
        return { ok: true, message: t('it', 'operator.note_saved'), case: c };
      }
      if (!authorize(operatorId, 'reply', caseId)) return { ok: false, message: t('it', 'operator.not_allowed'), case: c };
      if (c.state !== 'claimed') return { ok: false, message: t('it', c.state === 'open' ? 'operator.claim_first' : 'operator.case_closed'), case: c };
      if (c.owner !== operatorId) return { ok: false, message: t('it', 'operator.not_owner', { name: c.ownerName ?? '?' }), case: c };
      store.addMessage({ caseId, author: 'operator', authorId: operatorId, text, at });
      toUser(c, text, at, { from: (c.ownerName ?? '').split(/\s+/)[0] });
      return { ok: true, message: '', case: c };
    },

    close(caseId: string, operatorId: string): OperatorOutcome {
      if (!authorize(operatorId, 'close', caseId)) return { ok: false, message: t('it', 'operator.not_allowed') };
      const before = store.get(caseId);
      if (before?.state === 'claimed' && before.owner !== operatorId) return { ok: false, message: t('it', 'operator.not_owner', { name: before.ownerName ?? '?' }), case: before };
      const c = store.close(caseId, now());
      if (!c) return { ok: false, message: t('it', 'operator.case_closed'), case: before };
      toUser(c, `${t(c.language, 'handoff.closed')}`, now(), { rating: c.reason !== 'emergency' });
      toOperators(c, { type: 'case_card', update: true }, now());
      return { ok: true, message: t('it', 'operator.closed'), case: c };
    },

    setPriority(caseId: string, operatorId: string, priority: number): OperatorOutcome {
      if (!authorize(operatorId, 'priority', caseId)) return { ok: false, message: t('it', 'operator.not_allowed') };
      const c = store.get(caseId);
      if (!c || c.state === 'closed' || c.state === 'expired') return { ok: false, message: t('it', 'operator.case_closed'), case: c };
      store.setPriority(caseId, Math.min(3, Math.max(1, priority)), now());
      const updated = store.get(caseId)!;
      toOperators(updated, { type: 'case_card', update: true }, now());
      return { ok: true, message: t('it', 'operator.priority_set'), case: updated };
    },

    isOperator: (operatorId: string) => options.operatorIds.includes(operatorId),
    listActive: () => store.listActive(),

    /** Reminders for unclaimed cases, expiry of inactive ones. Run periodically. */
    tick(): void {
      const at = now();
      for (const c of store.dueReminders(at - options.reminderMs)) {
        store.markReminded(c.id, at);
        toOperators(store.get(c.id)!, { type: 'case_card', update: false, reminder: true }, at);
      }
      for (const c of store.dueExpiries(at - options.expiryMs)) {
        const closed = store.close(c.id, at, 'expired');
        if (!closed) continue;
        toUser(closed, t(closed.language, 'handoff.expired'), at);
        toOperators(closed, { type: 'case_card', update: true }, at);
      }
    },
  };
}

export type HandoffService = ReturnType<typeof createHandoffService>;
