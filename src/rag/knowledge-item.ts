/**
 * A knowledge item as the contract defines it (CONTRACT §4): Markdown front matter, or the
 * metadata derived for a dropped PDF/DOCX/HTML file. Validation messages name the field.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from '../core/languages.ts';
import type { Audience } from '../core/types.ts';

export const TOPICS = [
  'housing', 'health', 'work', 'documents', 'legal', 'safety', 'services', 'education', 'project', 'research',
] as const;
export type Topic = (typeof TOPICS)[number];

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-10-01').refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date'));

export const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9/_-]*$/, 'must be lower-case words separated by / - _'),
  lang: z.enum(LANGUAGES, { message: `must be one of ${LANGUAGES.join(' ')}` }),
  title: z.string().min(1, 'is required'),
  topic: z.enum(TOPICS, { message: `must be one of ${TOPICS.join(' ')}` }),
  audience: z.enum(['migrant', 'operator']).default('migrant'),
  region: z.string().default('national'),
  sources: z.array(z.string().min(1)).min(1, 'needs at least one source'),
  verified: isoDate,
  /** The date the source itself gives for its facts (a law, a call, a page update), when it gives one. */
  as_of: isoDate.optional(),
  /** When the facts are likely to change (a call for applications, winter hours, a fee): re-check by then. */
  review_by: isoDate.optional(),
  /** Directory entries (knowledge/directory/*.yaml ids) the card sends people to. */
  services: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/)).default([]),
  core: z.boolean().default(false),
  questions: z.array(z.string()).default([]),
});

/** One language version of one item, with its text. */
export interface KnowledgeItem {
  id: string;
  lang: Language;
  title: string;
  topic: string;
  audience: Audience;
  region: string;
  sources: string[];
  /** The day a named source was read and the fact confirmed; `unknown` for dropped files without a date. */
  verified: string;
  /** The date the source gives, if any. */
  asOf?: string;
  /** The date by which the facts should be re-checked, if they change. */
  reviewBy?: string;
  /** Directory entry ids the item sends people to. */
  services?: string[];
  core: boolean;
  /** Ways people ask for this item: indexed for retrieval, never shown. */
  questions: string[];
  /** Markdown body. */
  body: string;
  /** Path relative to the knowledge folder. */
  file: string;
}

/** Turns zod issues into `file: field problem` lines. */
export function describeIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const missing = i.code === 'invalid_type' && /received undefined/.test(i.message);
    return `${file}: ${i.path.join('.') || 'front matter'} ${missing ? 'is missing' : i.message}`;
  });
}
