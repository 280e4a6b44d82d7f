/** Documents dropped into the knowledge folder carry the date they give, never the day they were indexed. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLanguageDetector, type LanguageDetector } from '../../src/i18n/detect-language.ts';
import { ingest } from '../../src/rag/ingest.ts';
import { KnowledgeIndex } from '../../src/rag/knowledge-index.ts';
import { createLocalEmbedder } from '../../src/rag/local-embedder.ts';
import { tempDir } from '../helpers/cli.ts';
import { writeFile, writePdf } from '../helpers/fixtures.ts';

let detector: LanguageDetector;
beforeAll(async () => {
  detector = await createLanguageDetector();
});

describe('dates of dropped documents', () => {
  it('a PDF takes its metadata date; an HTML page its meta date; without one: "unknown"', async () => {
    const knowledge = tempDir('discorsi-dates-');
    await writePdf(path.join(knowledge, 'docs/guida.pdf'), [['Guida per gli operatori sulla residenza anagrafica a Torino.']], 'Guida residenza', new Date('2024-05-10T10:00:00Z'));
    writeFile(path.join(knowledge, 'docs/notizia.html'), '<html><head><title>Notizia</title><meta property="article:modified_time" content="2025-03-02T08:00:00+01:00"></head><body><p>Il Comune ha aperto il bando per il fondo affitti.</p></body></html>');
    writeFile(path.join(knowledge, 'docs/senza-data.html'), '<html><head><title>Senza data</title></head><body><p>Informazioni sullo sportello casa del Comune di Torino.</p></body></html>');
    const indexDir = tempDir('discorsi-dates-index-');
    await ingest({ knowledgeDir: knowledge, indexDir, embedder: createLocalEmbedder(), detector });
    const byFile = new Map(KnowledgeIndex.load(indexDir).chunks.map((c) => [c.file, c.verified]));
    expect(byFile.get('docs/guida.pdf')).toBe('2024-05-10');
    expect(byFile.get('docs/notizia.html')).toBe('2025-03-02');
    expect(byFile.get('docs/senza-data.html')).toBe('unknown');
  });
});
