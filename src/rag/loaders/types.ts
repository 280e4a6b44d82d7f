import type { KnowledgeItem } from '../knowledge-item.ts';

/** What a loader found in one file: items, problems (one line each), or plain text to classify. */
export interface LoadResult {
  items: KnowledgeItem[];
  problems: string[];
  /** Text without front matter (PDF, DOCX, HTML, plain Markdown): metadata is derived. */
  plain?: string;
  /** Title from the document's own metadata, when it has one. */
  plainTitle?: string;
  /** Date from the document's own metadata (PDF ModDate/CreationDate, DOCX dcterms, HTML meta), YYYY-MM-DD. */
  plainDate?: string;
}
