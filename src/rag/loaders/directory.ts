/**
 * The service directory (YAML): offices and services the cards send people to. Each entry becomes
 * an Italian item; fields that could not be verified are empty and simply not shown.
 */
import YAML from 'yaml';
import { z } from 'zod';
import { TOPICS, describeIssues, type KnowledgeItem } from '../knowledge-item.ts';
import type { LoadResult } from './types.ts';

const dateField = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-10-01'));

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case words separated by - or _'),
  name: z.string().min(1),
  what: z.string().default(''),
  topic: z.enum(TOPICS).default('services'),
  address: z.string().nullish(),
  phone: z.union([z.string(), z.number()]).nullish(),
  hours: z.string().nullish(),
  languages: z.union([z.string(), z.array(z.string())]).nullish(),
  region: z.string().default('torino'),
  audience: z.enum(['migrant', 'operator']).default('operator'),
  sources: z.array(z.string().min(1)).min(1, 'needs at least one source'),
  verified: dateField,
  /** The date or season the source gives for the hours ("2025-10", "inverno 2025-26"). */
  hours_as_of: z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).nullish(),
  review_by: dateField.optional(),
  notes: z.string().nullish(),
});

const LABELS = { what: '', address: 'Indirizzo', phone: 'Telefono', hours: 'Orari', languages: 'Lingue', notes: 'Note' } as const;

export function loadDirectory(file: string, content: string): LoadResult {
  let doc: unknown;
  try {
    doc = YAML.parse(content);
  } catch (err) {
    return { items: [], problems: [`${file}: not valid YAML (${(err as Error).message.split('\n')[0]})`] };
  }
  const list = (doc as { services?: unknown })?.services;
  if (!Array.isArray(list)) return { items: [], problems: [`${file}: expected a top-level "services:" list`] };
  const items: KnowledgeItem[] = [];
  const problems: string[] = [];
  list.forEach((raw, i) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...describeIssues(`${file} [services ${i}]`, parsed.error));
      return;
    }
    const e = parsed.data;
    const lines = (Object.keys(LABELS) as (keyof typeof LABELS)[])
      .map((k) => {
        const v = k === 'hours' && e.hours?.trim() && e.hours_as_of?.trim() ? `${e.hours} (${e.hours_as_of})` : e[k];
        const text = Array.isArray(v) ? v.join(', ') : v == null ? '' : String(v).trim();
        if (!text) return '';
        return LABELS[k] ? `- ${LABELS[k]}: ${text}` : text;
      })
      .filter(Boolean);
    items.push({
      id: `directory/${e.id}`, lang: 'it', title: e.name, topic: e.topic, audience: e.audience, region: e.region,
      sources: e.sources, verified: e.verified, core: false, questions: [], body: lines.join('\n'), file,
      ...(e.review_by ? { reviewBy: e.review_by } : {}),
    });
  });
  return { items, problems };
}
