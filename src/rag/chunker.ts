/**
 * Splits knowledge items into chunks with LangChain's Markdown splitter, which cuts at headings
 * first. A short card stays whole (it is answered whole); long documents are split and each chunk
 * remembers the heading it falls under.
 */
import type { KnowledgeItem } from './knowledge-item.ts';

/** One retrievable piece of one language version of one item. */
export interface Chunk {
  itemId: string;
  lang: KnowledgeItem['lang'];
  title: string;
  topic: string;
  audience: KnowledgeItem['audience'];
  region: string;
  sources: string[];
  verified: string;
  asOf?: string;
  reviewBy?: string;
  services?: string[];
  core: boolean;
  file: string;
  /** The `##` heading this chunk falls under, for long documents. */
  section?: string;
  /** Position of the chunk within its item (0 for a whole card). */
  part: number;
  text: string;
  questions: string[];
}

/** Bodies up to this size are kept whole: migrant cards are 80-200 words. */
const WHOLE_ITEM_CHARS = 2200;

let splitter: { splitText(text: string): Promise<string[]> } | undefined;
/** LangChain's splitter is loaded on first use: answering questions never needs it. */
async function markdownSplitter() {
  if (!splitter) {
    const { MarkdownTextSplitter } = await import('@langchain/textsplitters');
    splitter = new MarkdownTextSplitter({ chunkSize: 1200, chunkOverlap: 120 });
  }
  return splitter;
}

function headingBefore(body: string, position: number): string | undefined {
  const before = body.slice(0, Math.max(0, position));
  const matches = [...before.matchAll(/^#{1,4}\s+(.+)$/gm)];
  return matches.at(-1)?.[1]?.trim();
}

/** Splits one item into chunks. */
export async function chunkItem(item: KnowledgeItem): Promise<Chunk[]> {
  const base = {
    itemId: item.id, lang: item.lang, title: item.title, topic: item.topic, audience: item.audience,
    region: item.region, sources: item.sources, verified: item.verified, core: item.core, file: item.file,
    ...(item.asOf ? { asOf: item.asOf } : {}), ...(item.reviewBy ? { reviewBy: item.reviewBy } : {}),
    ...(item.services?.length ? { services: item.services } : {}),
  };
  if (item.body.length <= WHOLE_ITEM_CHARS) {
    return [{ ...base, part: 0, text: item.body, questions: item.questions }];
  }
  const pieces = await (await markdownSplitter()).splitText(item.body);
  let cursor = 0;
  return pieces.map((text, part) => {
    const at = item.body.indexOf(text.slice(0, 60), Math.max(0, cursor - 200));
    if (at >= 0) cursor = at;
    const ownHeading = /^#{1,4}\s+(.+)$/m.exec(text.split('\n')[0] ?? '')?.[1]?.trim();
    return {
      ...base,
      part,
      section: ownHeading ?? headingBefore(item.body, at >= 0 ? at : cursor),
      text,
      // Ways of asking belong to the whole item: keep them on its first chunk only.
      questions: part === 0 ? item.questions : [],
    };
  });
}

/** The text embedded for a chunk: title and section give context to a piece of a long document. */
export function embeddingText(chunk: Chunk): string {
  return [chunk.title, chunk.section, chunk.text].filter(Boolean).join('\n');
}
