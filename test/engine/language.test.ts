import { beforeAll, describe, expect, it } from 'vitest';
import { createLanguageDetector, type LanguageDetector } from '../../src/i18n/detect-language.ts';

let detector: LanguageDetector;
beforeAll(async () => {
  detector = await createLanguageDetector();
});

describe('language detection on short chat messages', () => {
  it.each([
    ['it', 'Dove posso rinnovare il permesso di soggiorno a Torino?'],
    ['en', 'Where can I renew my residence permit in Turin?'],
    ['fr', "Comment m'inscrire au Centro per l'impiego ?"],
    ['es', '¿Cómo renuevo mi permiso de residencia?'],
    ['ar', 'أين يمكنني تجديد تصريح الإقامة في تورينو؟'],
    ['ro', 'Unde pot să-mi reînnoiesc permisul de ședere?'],
    ['sq', 'Ku mund ta rinovoj lejen e qëndrimit në Torino?'],
    ['zh', '怎么申请税号（codice fiscale）？'],
    ['uk', 'Де я можу продовжити дозвіл на проживання?'],
    ['pt', 'Onde posso renovar a minha autorização de residência?'],
    ['bn', 'তুরিনে আমি কোথায় থাকার অনুমতি নবায়ন করতে পারি?'],
    ['ur', 'میں ٹورن میں رہائشی اجازت نامہ کہاں تجدید کر سکتا ہوں؟'],
  ])('%s', (lang, text) => {
    const d = detector.detect(text);
    expect(d.language).toBe(lang);
    expect(d.reliable).toBe(true);
  });

  it('does not pretend to know the language of one word', () => {
    expect(detector.detect('ok').reliable).toBe(false);
    expect(detector.detect('🙂🙂').reliable).toBe(false);
  });
});
