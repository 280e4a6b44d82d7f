/**
 * The offline answerer: the reply is cut from the best item's own text, in the person's language
 * when a translation exists (else Italian or English). The gist comes first; then the sections that
 * share most words with the question, within a length budget that fits a phone screen. It never
 * writes a sentence the knowledge base does not contain.
 */
import type { Language } from '../core/languages.ts';
import { fallbackLanguages } from '../core/languages.ts';
import type { Citation } from '../core/types.ts';
import type { Chunk } from '../rag/chunker.ts';
import { contentWords } from '../rag/text.ts';
import type { Answer, Answerer, AnswerRequest, VersionLookup } from './answer.ts';

interface Section {
  heading?: string;
  text: string;
}

/** Splits Markdown into the lead paragraph and `##` sections. */
export function splitSections(markdown: string): { lead: string; sections: Section[] } {
  const sections: Section[] = [];
  let lead = '';
  let current: Section | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^#{1,4}\s+(.+)$/.exec(line);
    if (heading) {
      current = { heading: heading[1]!.trim(), text: '' };
      sections.push(current);
    } else if (current) current.text += line + '\n';
    else lead += line + '\n';
  }
  // The gist is the first paragraph; further paragraphs before the first heading are a section.
  const [first = '', ...more] = lead.trim().split(/\n\s*\n/);
  const intro: Section[] = more.length ? [{ text: more.join('\n\n') }] : [];
  return { lead: first.trim(), sections: [...intro, ...sections].map((s) => ({ ...s, text: s.text.trim() })).filter((s) => s.text) };
}

const sentences = new Intl.Segmenter('und', { granularity: 'sentence' });

/** Cuts text at the last line or sentence end (any script, via Intl.Segmenter) that fits in `max` characters. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lineEnd = cut.lastIndexOf('\n');
  if (lineEnd > max * 0.5) return cut.slice(0, lineEnd).trimEnd();
  let end = 0;
  for (const s of sentences.segment(text)) {
    if (s.index + s.segment.length > max) break;
    end = s.index + s.segment.length;
  }
  if (end > max * 0.4) return text.slice(0, end).trimEnd();
  return cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max).trimEnd() + ' …';
}

/** The first message on a phone: gist and next step together stay within this many characters. */
export const FIRST_MESSAGE_CHARS = 600;

function overlap(question: Set<string>, text: string, lang: Language): number {
  let n = 0;
  for (const w of new Set(contentWords(text, lang))) if (question.has(w) || [...question].some((q) => q.length >= 5 && w.startsWith(q.slice(0, 5)))) n++;
  return n;
}

export interface ExtractiveOptions {
  versions: VersionLookup;
  /** Characters of the whole answer for migrants ("More" included) and for operators (Slack). */
  budget?: { migrant: number; operator: number };
}

/** One directory entry as a line or two: name, address, hours (with the date the hours are from). */
function serviceText(chunks: readonly Chunk[] | undefined): string | undefined {
  const c = chunks?.[0];
  if (!c) return undefined;
  const lines = c.text.split('\n').filter((l) => /^- (Indirizzo|Telefono|Orari):/.test(l)).map((l) => l.replace(/^- /, '  '));
  return [`- ${c.title}`, ...lines].join('\n');
}

function citationOf(chunk: Chunk): Citation {
  return { id: chunk.itemId, title: chunk.title, source: chunk.sources[0] ?? '', verified: chunk.verified };
}

/** Picks the language version to answer with: the person's, else their fallbacks. */
export function pickVersion(versions: Map<Language, Chunk[]>, language: Language): { lang: Language; chunks: Chunk[] } | undefined {
  for (const lang of [language, ...fallbackLanguages(language)]) {
    const chunks = versions.get(lang);
    if (chunks?.length) return { lang, chunks };
  }
  const first = [...versions.entries()][0];
  return first ? { lang: first[0], chunks: first[1] } : undefined;
}

export function createExtractiveAnswerer(options: ExtractiveOptions): Answerer {
  const budget = options.budget ?? { migrant: 1800, operator: 2400 };
  return {
    async answer(request: AnswerRequest): Promise<Answer> {
      const best = request.hits[0];
      if (!best) throw new Error('extractive answerer needs at least one hit');
      const version = pickVersion(options.versions(best.id), request.language) ?? { lang: best.chunk.lang, chunks: [best.chunk] };
      // A long document answers with the part that matched; a card answers with itself.
      const chunk =
        version.chunks.length === 1
          ? version.chunks[0]!
          : version.chunks.find((c) => c.part === best.chunk.part && best.chunk.lang === version.lang) ??
            version.chunks.find((c) => c.section === best.chunk.section) ??
            version.chunks[0]!;
      const { lead, sections } = splitSections(chunk.text);
      const questionWords = new Set(contentWords(request.question, request.language));
      const limit = request.audience === 'operator' ? budget.operator : budget.migrant;
      const gist = clip(lead || sections.shift()?.text || '', 400);
      // The sections that share most words with the question; the first one ("what to do") on a tie.
      const ranked = sections
        .map((s, i) => ({ s, i, score: overlap(questionWords, `${s.heading ?? ''} ${s.text}`, version.lang) }))
        .sort((a, b) => b.score - a.score || a.i - b.i);
      const render = (s: Section) => (s.heading ? `## ${s.heading}\n${s.text}` : s.text);
      // First message: the gist and the best section (the next step), within a phone screen.
      const room = Math.max(120, FIRST_MESSAGE_CHARS - gist.length - (chunk.title.length + 2));
      const first = ranked[0];
      const details = first ? clip(render(first.s), room) : '';
      // "More": every other section, in the card's order, then where to go.
      const rest = sections.filter((s) => s !== first?.s).map(render);
      if (first && details.length < render(first.s).length) rest.unshift(render(first.s).slice(details.replace(/ …$/, '').length).trim());
      const services = (chunk.services ?? []).map((id) => serviceText(options.versions(`directory/${id}`).get('it'))).filter((x): x is string => Boolean(x));
      if (services.length) rest.push(`## ${request.whereLabel ?? 'Dove andare'}\n${services.join('\n')}`);
      const more = clip(rest.filter(Boolean).join('\n\n'), limit);
      const title = chunk.section && version.chunks.length > 1 ? `${chunk.title} — ${chunk.section}` : chunk.title;
      const citations = [citationOf(chunk)];
      return { language: version.lang, title, gist, details, more: more || undefined, reviewBy: chunk.reviewBy, citations, via: 'extractive' };
    },
  };
}
