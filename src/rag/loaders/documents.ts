/**
 * PDF, DOCX and HTML files dropped into the knowledge folder, parsed with well-kept libraries
 * (pdf-parse, mammoth, html-to-text). A file that cannot be parsed yields a problem, never a throw.
 */
import { PDFParse } from 'pdf-parse';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { convert } from 'html-to-text';
import type { LoadResult } from './types.ts';

/** The first YYYY-MM-DD (or PDF "D:YYYYMMDD") date in a metadata value, if it is a real date not in the future. */
export function metadataDate(value: unknown, today = new Date()): string | undefined {
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : '';
  const m = /(?:D:)?(\d{4})-?(\d{2})-?(\d{2})/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const time = Date.parse(iso);
  if (Number.isNaN(time) || time > today.getTime() + 86_400_000 || Number(m[1]) < 1990) return undefined;
  return iso;
}

function failed(file: string, kind: string, err: unknown): LoadResult {
  const reason = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 120) : 'unknown error';
  return { items: [], problems: [`${file}: cannot read this ${kind} file, skipped (${reason})`] };
}

export async function loadPdf(file: string, data: Buffer): Promise<LoadResult> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const info = await parser.getInfo().catch(() => undefined);
    const text = await parser.getText();
    const title = typeof info?.info?.Title === 'string' ? info.info.Title.trim() : undefined;
    const meta = info?.info as Record<string, unknown> | undefined;
    const date = metadataDate(meta?.ModDate) ?? metadataDate(meta?.CreationDate);
    if (!text.text.trim()) return { items: [], problems: [`${file}: PDF has no extractable text (scanned?), skipped`] };
    return { items: [], problems: [], plain: text.text, plainTitle: title || undefined, plainDate: date };
  } catch (err) {
    return failed(file, 'PDF', err);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/** A DOCX is a zip: refuse one that would inflate beyond this (a zip bomb) before parsing it. */
const MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024;

async function inflatedSize(data: Buffer): Promise<number> {
  const zip = await JSZip.loadAsync(data);
  let total = 0;
  zip.forEach((_name, entry) => {
    // The central directory states each entry's size; nothing is decompressed to read it.
    total += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  return total;
}

/** dcterms:modified (else dcterms:created) of docProps/core.xml. */
async function docxDate(data: Buffer): Promise<string | undefined> {
  const core = await (await JSZip.loadAsync(data)).file('docProps/core.xml')?.async('string');
  if (!core || core.length > 64 * 1024) return undefined;
  const pick = (tag: string) => new RegExp(`<dcterms:${tag}[^>]*>([^<]{4,40})<`).exec(core)?.[1];
  return metadataDate(pick('modified')) ?? metadataDate(pick('created'));
}

export async function loadDocx(file: string, data: Buffer): Promise<LoadResult> {
  try {
    if ((await inflatedSize(data)) > MAX_DOCX_UNCOMPRESSED) return { items: [], problems: [`${file}: DOCX would expand beyond 100 MB (zip bomb?), skipped`] };
    const result = await mammoth.extractRawText({ buffer: data });
    if (!result.value.trim()) return { items: [], problems: [`${file}: DOCX has no text, skipped`] };
    return { items: [], problems: [], plain: result.value, plainDate: await docxDate(data) };
  } catch (err) {
    return failed(file, 'DOCX', err);
  }
}

export function loadHtml(file: string, content: string): LoadResult {
  try {
    const title = /<title[^>]*>([^<]{1,300})<\/title>/i.exec(content)?.[1]?.trim();
    const text = convert(content, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
        { selector: 'nav', format: 'skip' },
        { selector: 'script', format: 'skip' },
        { selector: 'style', format: 'skip' },
        // Headings become Markdown headings, so the splitter can respect them.
        ...[1, 2, 3].map((n) => ({ selector: `h${n}`, format: 'markdownHeading', options: { prefix: '#'.repeat(n) + ' ' } })),
      ],
      formatters: {
        markdownHeading(elem, walk, builder, options) {
          builder.openBlock({ leadingLineBreaks: 2 });
          builder.addLiteral(String(options.prefix ?? ''));
          walk(elem.children, builder);
          builder.closeBlock({ trailingLineBreaks: 1 });
        },
      },
    });
    if (!text.trim()) return { items: [], problems: [`${file}: HTML has no text, skipped`] };
    const meta = /<meta[^>]+(?:name|property)=["'](?:article:modified_time|last-modified|dcterms\.modified|date|article:published_time)["'][^>]*content=["']([^"']{4,40})["']/i.exec(content)?.[1]
      ?? /<time[^>]+datetime=["']([^"']{4,40})["']/i.exec(content)?.[1];
    return { items: [], problems: [], plain: text, plainTitle: title, plainDate: metadataDate(meta) };
  } catch (err) {
    return failed(file, 'HTML', err);
  }
}
