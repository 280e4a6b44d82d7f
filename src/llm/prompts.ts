/** Prompt templates are files in prompts/, filled with {{name}} values. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prompts');
const cache = new Map<string, string>();

export function loadPrompt(name: string): string {
  let text = cache.get(name);
  if (text === undefined) cache.set(name, (text = fs.readFileSync(path.join(DIR, `${name}.md`), 'utf8')));
  return text;
}

export function fillPrompt(name: string, values: Record<string, string | number>): string {
  return loadPrompt(name).replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}
