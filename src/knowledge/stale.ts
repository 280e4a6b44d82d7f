/**
 * Stale knowledge: items whose `review_by` date has passed. The answer says in one line that the
 * information may have changed; `discorsi stale` and the lint list them with the source to re-read.
 */
import type { KnowledgeItem } from '../rag/knowledge-item.ts';

export interface StaleItem {
  id: string;
  title: string;
  reviewBy: string;
  verified: string;
  sources: string[];
  file: string;
  /** Days since review_by. */
  overdueDays: number;
}

/** Whether facts due for review by `reviewBy` are stale on `today`. */
export function isStale(reviewBy: string | undefined, today: Date = new Date()): boolean {
  return Boolean(reviewBy) && Date.parse(reviewBy!) < today.getTime() - 86_400_000 + 1;
}

/** One entry per item id (its Italian version when there is one), most overdue first. */
export function staleItems(items: readonly KnowledgeItem[], today: Date = new Date()): StaleItem[] {
  const byId = new Map<string, KnowledgeItem>();
  for (const item of items) {
    if (!isStale(item.reviewBy, today)) continue;
    const prev = byId.get(item.id);
    if (!prev || item.lang === 'it') byId.set(item.id, item);
  }
  return [...byId.values()]
    .map((i) => ({ id: i.id, title: i.title, reviewBy: i.reviewBy!, verified: i.verified, sources: i.sources, file: i.file, overdueDays: Math.floor((today.getTime() - Date.parse(i.reviewBy!)) / 86_400_000) }))
    .sort((a, b) => b.overdueDays - a.overdueDays || a.id.localeCompare(b.id));
}
