/** Ingestion of real files of every format into a real index, incrementally. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLanguageDetector, type LanguageDetector } from '../../src/i18n/detect-language.ts';
import { ingest, isIndexStale } from '../../src/rag/ingest.ts';
import { KnowledgeIndex } from '../../src/rag/knowledge-index.ts';
import { createLocalEmbedder } from '../../src/rag/local-embedder.ts';
import { createHybridRetriever } from '../../src/rag/retriever.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { card, writeDocx, writeFile, writePdf } from '../helpers/fixtures.ts';

let detector: LanguageDetector;
beforeAll(async () => {
  detector = await createLanguageDetector();
});

function knowledgeWithCards(): string {
  const dir = tempDir('discorsi-knowledge-');
  writeFile(path.join(dir, 'cards/health/stp.it.md'), card({ id: 'health/stp', lang: 'it', title: 'Codice STP', body: 'Senza permesso puoi avere il codice STP alla ASL. Vale 6 mesi.' }));
  writeFile(path.join(dir, 'cards/health/stp.en.md'), card({ id: 'health/stp', lang: 'en', title: 'STP code', body: 'Without a permit you can get the STP code at the ASL. It lasts 6 months.' }));
  writeFile(path.join(dir, 'cards/housing/deposit.en.md'), card({ id: 'housing/deposit', lang: 'en', title: 'Deposit', topic: 'housing', body: 'A landlord can ask at most 3 months of rent as a deposit.' }));
  return dir;
}

describe('ingest', () => {
  it('indexes Markdown, PDF, DOCX and HTML, and skips a broken PDF by name', async () => {
    const knowledge = knowledgeWithCards();
    await writePdf(path.join(knowledge, 'docs/guida-casa.pdf'), [
      ['Guida per gli operatori: sfratto per morosita incolpevole.', 'Contattare lo Sportello Casa del Comune.'],
      ['Seconda pagina: il fondo salvasfratti aiuta gli inquilini.'],
    ], 'Guida sfratti');
    await writeDocx(path.join(knowledge, 'docs/corsi.docx'), ['Corsi di italiano gratuiti al CPIA per adulti stranieri.', 'Iscrizione in segreteria.']);
    writeFile(path.join(knowledge, 'docs/pagina.html'), '<html><head><title>Sportello lavoro</title></head><body><nav>menu</nav><h2>Centro per l\'impiego</h2><p>La DID si fa online o allo sportello del Centro per l\'impiego.</p></body></html>');
    writeFile(path.join(knowledge, 'docs/rotto.pdf'), '%PDF-1.7\nthis is not really a pdf');
    const indexDir = path.join(tempDir(), 'index');
    const summary = await ingest({ knowledgeDir: knowledge, indexDir, embedder: createLocalEmbedder(), detector });
    expect(summary.files).toBe(7);
    expect(summary.skipped).toBe(1);
    expect(summary.problems.join('\n')).toMatch(/docs\/rotto\.pdf/);
    const index = KnowledgeIndex.load(indexDir);
    const titles = new Set(index.chunks.map((c) => c.title));
    expect(titles).toContain('Guida sfratti'); // PDF title from metadata
    expect(titles).toContain('corsi'); // DOCX title from the file name
    expect(titles).toContain('Sportello lavoro'); // HTML title
    const pdf = index.chunks.find((c) => c.title === 'Guida sfratti')!;
    expect(pdf.lang).toBe('it');
    expect(pdf.audience).toBe('operator');
    const retriever = createHybridRetriever({ index, embedder: createLocalEmbedder() });
    const hits = await retriever.retrieve({ text: 'corsi di italiano gratis', lang: 'it', audience: 'operator' });
    expect(hits[0]!.chunk.title).toBe('corsi');
    const migrantHits = await retriever.retrieve({ text: 'corsi di italiano gratis', lang: 'it', audience: 'migrant' });
    expect(migrantHits.every((h) => h.chunk.audience === 'migrant')).toBe(true);
  });

  it('re-embeds only what changed, and nothing when nothing changed', async () => {
    const knowledge = knowledgeWithCards();
    const indexDir = path.join(tempDir(), 'index');
    const embedder = createLocalEmbedder();
    const first = await ingest({ knowledgeDir: knowledge, indexDir, embedder, detector });
    expect(first.embedded).toBe(3);
    expect(isIndexStale(knowledge, indexDir, embedder)).toBe(false);

    const second = await ingest({ knowledgeDir: knowledge, indexDir, embedder, detector });
    expect(second).toMatchObject({ embedded: 0, reused: 3, rebuilt: false });

    writeFile(path.join(knowledge, 'cards/housing/deposit.en.md'), card({ id: 'housing/deposit', lang: 'en', title: 'Deposit', topic: 'housing', body: 'The deposit is at most 3 months of rent, returned with interest.' }));
    expect(isIndexStale(knowledge, indexDir, embedder)).toBe(true);
    const third = await ingest({ knowledgeDir: knowledge, indexDir, embedder, detector });
    expect(third).toMatchObject({ embedded: 1, reused: 2, rebuilt: true });
    const index = KnowledgeIndex.load(indexDir);
    expect(index.chunks.find((c) => c.itemId === 'housing/deposit')!.text).toContain('interest');
    // Reused chunks keep answering.
    const hits = await createHybridRetriever({ index, embedder }).retrieve({ text: 'codice STP senza permesso', lang: 'it', audience: 'migrant' });
    expect(hits[0]!.id).toBe('health/stp');

    fs.rmSync(path.join(knowledge, 'cards/health/stp.en.md'));
    const fourth = await ingest({ knowledgeDir: knowledge, indexDir, embedder, detector });
    expect(fourth).toMatchObject({ files: 2, rebuilt: true });
  });

  it('rebuilds everything when the embedder changes', async () => {
    const knowledge = knowledgeWithCards();
    const indexDir = path.join(tempDir(), 'index');
    await ingest({ knowledgeDir: knowledge, indexDir, embedder: createLocalEmbedder(), detector });
    const other = createLocalEmbedder({ dimension: 128 });
    expect(isIndexStale(knowledge, indexDir, other)).toBe(true);
    const summary = await ingest({ knowledgeDir: knowledge, indexDir, embedder: other, detector });
    expect(summary).toMatchObject({ embedded: 3, reused: 0 });
    expect(KnowledgeIndex.readManifest(indexDir)!.embedder.dimension).toBe(128);
  });

  it('reports front matter that breaks the contract with file and field, and skips the item', async () => {
    const knowledge = knowledgeWithCards();
    writeFile(path.join(knowledge, 'cards/bad/no-id.it.md'), '---\nlang: it\ntitle: Senza id\ntopic: health\nsources: [https://x.org]\nverified: 2026-01-01\n---\nTesto.\n');
    writeFile(path.join(knowledge, 'cards/bad/topic.it.md'), card({ id: 'bad/topic', lang: 'it', title: 'x', topic: 'cooking', body: 'Testo.' }));
    writeFile(path.join(knowledge, 'cards/bad/date.it.md'), card({ id: 'bad/date', lang: 'it', title: 'x', body: 'Testo.', verified: '2026-13-45' }));
    const indexDir = path.join(tempDir(), 'index');
    const summary = await ingest({ knowledgeDir: knowledge, indexDir, embedder: createLocalEmbedder(), detector });
    const problems = summary.problems.join('\n');
    expect(problems).toMatch(/cards\/bad\/no-id\.it\.md: id /);
    expect(problems).toMatch(/cards\/bad\/topic\.it\.md: topic /);
    expect(problems).toMatch(/cards\/bad\/date\.it\.md: verified /);
    expect(KnowledgeIndex.load(indexDir).chunks.some((c) => c.itemId.startsWith('bad/'))).toBe(false);
  });

  it('the CLI shows a summary line and names the skipped file', async () => {
    const knowledge = knowledgeWithCards();
    writeFile(path.join(knowledge, 'rotto.pdf'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x13]));
    const data = tempDir();
    const result = await runCli(['ingest', '--knowledge', knowledge, '--index', path.join(data, 'idx')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/rotto\.pdf/);
    expect(result.stdout).toMatch(/Indexed 4 files .*3 items.*languages: .*en 2.*it 1.*s$/m);
  });
});

describe('ingest survives hostile files', () => {
  it('skips a zip-bomb DOCX, a Markdown file with 10 MB of front matter, and links out of the folder', async () => {
    const knowledge = knowledgeWithCards();
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', Buffer.alloc(120 * 1024 * 1024, 0x20));
    writeFile(path.join(knowledge, 'bomb.docx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
    writeFile(path.join(knowledge, 'huge.md'), `---\nid: x/huge\nnote: "${'a'.repeat(10 * 1024 * 1024)}"\n---\nbody\n`);
    const outside = path.join(tempDir('discorsi-outside-'), 'secret.md');
    writeFile(outside, card({ id: 'secret/x', lang: 'it', title: 'Segreto', body: 'Fuori dalla cartella.' }));
    fs.symlinkSync(outside, path.join(knowledge, 'link.md'));
    const indexDir = path.join(tempDir(), 'index');
    const summary = await ingest({ knowledgeDir: knowledge, indexDir, embedder: createLocalEmbedder(), detector });
    const problems = summary.problems.join('\n');
    expect(problems).toMatch(/bomb\.docx: DOCX would expand beyond 100 MB/);
    expect(problems).toMatch(/huge\.md: front matter larger than 64 KB/);
    const index = KnowledgeIndex.load(indexDir);
    expect(index.chunks.some((c) => c.itemId === 'secret/x')).toBe(false);
    expect(index.chunks.some((c) => c.itemId === 'health/stp')).toBe(true);
  });
});
