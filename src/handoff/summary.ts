/**
 * What operators read about a case, in Italian: language, topic, reason, the person's last
 * messages and what the bot already answered. Never a phone number or a username.
 */
import { LANGUAGE_NAMES } from '../core/languages.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { Case, CaseMessage } from './types.ts';

const PRIORITY_ICON: Record<number, string> = { 1: '🔴', 2: '🟠', 3: '🟢' };

export function priorityLabel(t: Translate, priority: number): string {
  return `${PRIORITY_ICON[priority] ?? '⚪'} ${t('it', `operator.priority_${Math.min(3, Math.max(1, priority))}`)}`;
}

export function caseHeadline(t: Translate, c: Case): string {
  const state = t('it', `operator.state_${c.state}`, { name: c.ownerName ?? '' });
  return `${priorityLabel(t, c.priority)} · ${t('it', `operator.reason_${c.reason}`)} · ${state}`;
}

/** The case card text (plain text; channels add their own formatting). */
export function caseSummary(t: Translate, c: Case, messages: readonly CaseMessage[], queuePosition: number): string {
  const lines = [
    `${t('it', 'operator.new_case')} — ${caseHeadline(t, c)}`,
    `${t('it', 'operator.language')}: ${LANGUAGE_NAMES[c.language]} (${c.language}) · ${t('it', 'operator.topic')}: ${c.topic ? t('it', `operator.topic_${c.topic}`, { defaultValue: c.topic }) : '—'} · ${t('it', 'operator.channel')}: ${c.channel}`,
  ];
  if (queuePosition > 0) lines.push(`${t('it', 'operator.queue')}: ${queuePosition}`);
  const recent = messages.filter((m) => m.author === 'user' || m.author === 'bot').slice(-8);
  if (recent.length) {
    lines.push(`${t('it', 'operator.last_messages')}:`);
    for (const m of recent) lines.push(`${m.author === 'user' ? '👤' : '🤖'} ${m.text.slice(0, 400)}`);
  }
  lines.push(t('it', 'operator.how_to_reply'));
  return lines.join('\n');
}
