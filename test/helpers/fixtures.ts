/** Real files of every format, generated in temporary folders. */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function writePdf(file: string, pages: string[][], title?: string, modified?: Date): Promise<void> {
  const doc = await PDFDocument.create({ updateMetadata: !modified });
  if (title) doc.setTitle(title);
  if (modified) {
    doc.setCreationDate(modified);
    doc.setModificationDate(modified);
  }
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 18, size: 12, font }));
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await doc.save());
}

/** A minimal but valid DOCX (WordprocessingML in a zip). */
export async function writeDocx(file: string, paragraphs: string[]): Promise<void> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

/** A migrant card in the knowledge format. */
export function card(fields: { id: string; lang: string; title: string; topic?: string; body: string; questions?: string[]; core?: boolean; verified?: string; sources?: string[]; reviewBy?: string; services?: string[] }): string {
  const questions = (fields.questions ?? ['domanda uno', 'domanda due', 'domanda tre', 'domanda quattro']).map((q) => `  - ${JSON.stringify(q)}`).join('\n');
  return `---
id: ${fields.id}
lang: ${fields.lang}
title: ${JSON.stringify(fields.title)}
topic: ${fields.topic ?? 'health'}
audience: migrant
region: national
core: ${fields.core ?? false}
sources:
${(fields.sources ?? ['https://www.integrazionemigranti.gov.it/it-it/Ricerca-norme/Dettaglio-norma/id/12']).map((s) => `  - ${s}`).join('\n')}
verified: ${fields.verified ?? '2026-10-01'}${fields.reviewBy ? `\nreview_by: ${fields.reviewBy}` : ''}${fields.services ? `\nservices: [${fields.services.join(', ')}]` : ''}
questions:
${questions}
---
${fields.body}
`;
}

export function writeFile(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
