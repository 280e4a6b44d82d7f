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

/** Cuts text at the last line or sentence end that fits in `max` characters. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lineEnd = cut.lastIndexOf('\n');
  if (lineEnd > max * 0.5) return cut.slice(0, lineEnd).trimEnd();
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'), cut.lastIndexOf('۔ '), cut.lastIndexOf('। '));
  if (sentenceEnd > max * 0.4) return cut.slice(0, sentenceEnd + 1).trimEnd();
  return cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max).trimEnd() + ' …';
}

function overlap(question: Set<string>, text: string, lang: Language): number {
  let n = 0;
  for (const w of new Set(contentWords(text, lang))) if (question.has(w) || [...question].some((q) => q.length >= 5 && w.startsWith(q.slice(0, 5)))) n++;
  return n;
}

export interface ExtractiveOptions {
  versions: VersionLookup;
  /** Characters of details for migrants (phone) and for operators (Slack). */
  budget?: { migrant: number; operator: number };
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
  const budget = options.budget ?? { migrant: 1000, operator: 1800 };
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
      const gist = lead || sections.shift()?.text || '';
      // The sections that share most words with the question; the first one ("what to do") on a tie.
      const ranked = sections
        .map((s, i) => ({ s, i, score: overlap(questionWords, `${s.heading ?? ''} ${s.text}`, version.lang) }))
        .sort((a, b) => b.score - a.score || a.i - b.i);
      const chosen: typeof ranked = [];
      let used = 0;
      for (const r of ranked) {
        const size = r.s.text.length + (r.s.heading?.length ?? 0) + 4;
        if (chosen.length > 0 && (used + size > limit || r.score === 0)) break;
        chosen.push(r);
        used += size;
      }
      const details = chosen
        .sort((a, b) => a.i - b.i)
        .map((r) => (r.s.heading ? `## ${r.s.heading}\n${r.s.text}` : r.s.text))
        .join('\n\n');
      const title = chunk.section && version.chunks.length > 1 ? `${chunk.title} — ${chunk.section}` : chunk.title;
      const citations = [citationOf(chunk)];
      return { language: version.lang, title, gist: clip(gist, 600), details: clip(details, limit), citations, via: 'extractive' };
    },
  };
}
