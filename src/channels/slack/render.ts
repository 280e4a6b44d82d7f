/**
 * Renders replies and case cards for Slack (mrkdwn and Block Kit). Leaders get the longer
 * answer with its citations; operators get the case card with Claim · Close · Priority buttons.
 */
import type { Reply } from '../../core/types.ts';
import type { KnownBlock } from '@slack/types';
import type { Translate } from '../../i18n/i18n.ts';

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const mrkdwnDetails = (text: string) => escapeMrkdwn(text).replace(/^#{1,4}\s+(.+)$/gm, '*$1*').replace(/^\s*[-*]\s+/gm, '• ');

/** "Did you mean…?" buttons: one per option; the value carries the thread and the item. */
export function clarifyBlocks(reply: Reply, threadTs: string): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(reply.parts.gist ?? '') } },
    {
      type: 'actions',
      block_id: `clarify:${threadTs}`.slice(0, 255),
      elements: (reply.options ?? []).map((o, i) => ({ type: 'button' as const, action_id: `${ACTIONS.clarify}_${i}`, value: `${threadTs}|${o.id}`.slice(0, 2000), text: { type: 'plain_text' as const, text: o.title.slice(0, 75) } })),
    },
  ];
}

/** The reply in mrkdwn; `withMore` adds the rest of the card after the next step (leaders read it all). */
export function renderSlackText(reply: Reply, withMore = false): string {
  const p = reply.parts;
  const out: string[] = [];
  if (p.urgent) out.push(`:rotating_light: *${escapeMrkdwn(p.urgent)}*`);
  if (p.notice) out.push(`_${escapeMrkdwn(p.notice)}_`);
  if (p.title) out.push(`*${escapeMrkdwn(p.title)}*`);
  if (p.gist) out.push(escapeMrkdwn(p.gist));
  if (p.details) out.push(mrkdwnDetails(p.details));
  if (withMore && p.more) out.push(mrkdwnDetails(p.more));
  if (p.staleNote) out.push(`:warning: _${escapeMrkdwn(p.staleNote)}_`);
  if (reply.options?.length) out.push(reply.options.map((o, i) => `${i + 1}. ${escapeMrkdwn(o.title)}`).join('\n'));
  if (p.closing) out.push(escapeMrkdwn(p.closing));
  if (reply.citations.length) {
    const lines = reply.citations.map((c) => `• ${/^https?:\/\//.test(c.source) ? `<${c.source}|${escapeMrkdwn(c.title)}>` : escapeMrkdwn(c.title)} _(${escapeMrkdwn(p.checkedLabel ?? 'checked on')} ${c.verified})_`);
    out.push(`*${escapeMrkdwn(p.sourcesLabel ?? 'Sources')}*\n${lines.join('\n')}`);
  }
  return out.join('\n\n');
}

export const ACTIONS = { claim: 'case_claim', close: 'case_close', raise: 'case_raise', lower: 'case_lower', clarify: 'clarify_pick' } as const;

/** Block Kit for a case card: the summary, then buttons (none once the case is over). */
export function caseBlocks(t: Translate, caseId: string, state: string, summary: string): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(summary).slice(0, 2900) } }];
  if (state === 'open' || state === 'claimed') {
    const button = (action: string, label: string, style?: 'primary' | 'danger') => ({ type: 'button' as const, action_id: action, value: caseId, text: { type: 'plain_text' as const, text: label }, ...(style ? { style } : {}) });
    const elements = [
      ...(state === 'open' ? [button(ACTIONS.claim, t('it', 'operator.claim'), 'primary')] : []),
      button(ACTIONS.close, t('it', 'operator.close'), 'danger'),
      button(ACTIONS.raise, t('it', 'operator.raise')),
      button(ACTIONS.lower, t('it', 'operator.lower')),
    ];
    blocks.push({ type: 'actions', block_id: `case:${caseId}`.slice(0, 255), elements });
  }
  return blocks;
}
