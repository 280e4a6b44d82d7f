/** Inline keyboards. Callback data stays under Telegram's 64-byte limit. */
import { InlineKeyboard } from 'grammy';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../core/languages.ts';
import type { Reply } from '../../core/types.ts';
import { MENU_TOPICS, type MenuTopic } from '../../engine/engine.ts';
import type { Translate } from '../../i18n/i18n.ts';

export const CB = {
  topic: (t: MenuTopic) => `t:${t}`,
  item: (id: string) => `i:${id}`,
  more: (id: string) => `m:${id}`,
  feedback: (value: 1 | -1, id: string) => `fb:${value}:${id}`.slice(0, 64),
  person: 'h',
  language: (l: Language) => `l:${l}`,
  forgetYes: 'f:y',
  forgetNo: 'f:n',
} as const;

export function topicsKeyboard(t: Translate, lang: Language): InlineKeyboard {
  const kb = new InlineKeyboard();
  MENU_TOPICS.forEach((topic, i) => {
    kb.text(t(lang, `telegram.topic_${topic}`), CB.topic(topic));
    if (i % 2 === 1) kb.row();
  });
  return kb.row().text(t(lang, 'telegram.talk_to_person'), CB.person);
}

export function questionsKeyboard(items: { id: string; title: string }[], t: Translate, lang: Language): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const item of items) kb.text(item.title.slice(0, 60), CB.item(item.id)).row();
  return kb.text(t(lang, 'telegram.talk_to_person'), CB.person);
}

export function languagesKeyboard(): InlineKeyboard {
  const kb = new InlineKeyboard();
  LANGUAGES.forEach((l, i) => {
    kb.text(LANGUAGE_NAMES[l], CB.language(l));
    if (i % 3 === 2) kb.row();
  });
  return kb;
}

export function forgetKeyboard(t: Translate, lang: Language): InlineKeyboard {
  return new InlineKeyboard().text(t(lang, 'telegram.forget_yes'), CB.forgetYes).text(t(lang, 'telegram.forget_no'), CB.forgetNo);
}

/** Under every reply: "talk to a person" (first when the bot could not help or the case is sensitive), feedback under answers. */
export function replyKeyboard(reply: Reply, t: Translate): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (reply.kind === 'clarify') {
    // "Did you mean…?": one button per option, then "none of these → a person".
    for (const o of reply.options ?? []) kb.text(o.title.slice(0, 60), CB.item(o.id)).row();
    return kb.text(t(reply.language, 'clarify.none'), CB.person);
  }
  if (reply.kind === 'smalltalk') return topicsKeyboard(t, reply.language);
  if (reply.kind === 'answer' && reply.parts.more && reply.citations[0]) kb.text(`➕ ${t(reply.language, 'answer.more')}`, CB.more(reply.citations[0].id)).row();
  const person = () => kb.text(t(reply.language, 'telegram.talk_to_person'), CB.person).row();
  const prominent = reply.kind !== 'answer' || reply.handoff.offered;
  if (prominent && reply.kind !== 'handoff') person();
  const item = reply.citations[0]?.id;
  if (reply.kind === 'answer' && item) {
    kb.text(t(reply.language, 'telegram.feedback_yes'), CB.feedback(1, item)).text(t(reply.language, 'telegram.feedback_no'), CB.feedback(-1, item)).row();
  }
  if (!prominent) person();
  return kb;
}
