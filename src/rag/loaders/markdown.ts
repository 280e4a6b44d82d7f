/** Markdown with YAML front matter: the native knowledge format. */
import matter from 'gray-matter';
import YAML from 'yaml';
import { describeIssues, frontMatterSchema, type KnowledgeItem } from '../knowledge-item.ts';
import type { LoadResult } from './types.ts';

/** Front matter is a few lines; a huge one is a mistake or an attack, and YAML parsing it is costly. */
const MAX_FRONT_MATTER = 64 * 1024;

export function loadMarkdown(file: string, content: string): LoadResult {
  if (content.startsWith('---')) {
    const end = content.indexOf('\n---', 3);
    if ((end < 0 ? content.length : end) > MAX_FRONT_MATTER) return { items: [], problems: [`${file}: front matter larger than 64 KB, skipped`] };
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Own options disable gray-matter's cache (it would keep every file in memory). YAML's core
    // schema keeps dates as written, so "2026-13-45" is reported instead of rolling over to 2027.
    parsed = matter(content, { engines: { yaml: (s: string) => (YAML.parse(s, { schema: 'core' }) ?? {}) as object } });
  } catch (err) {
    return { items: [], problems: [`${file}: front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`] };
  }
  if (Object.keys(parsed.data).length === 0) {
    // Plain Markdown dropped in by an association: treated like any other document.
    return { items: [], problems: [], plain: parsed.content };
  }
  const fm = frontMatterSchema.safeParse(parsed.data);
  if (!fm.success) return { items: [], problems: describeIssues(file, fm.error) };
  const { as_of: asOf, review_by: reviewBy, ...rest } = fm.data;
  const item: KnowledgeItem = { ...rest, asOf, reviewBy, body: parsed.content.trim(), file };
  if (!item.body) return { items: [], problems: [`${file}: body is empty`] };
  return { items: [item], problems: [] };
}
