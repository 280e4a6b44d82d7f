/**
 * Text normalisation and tokenisation shared by the lexical index, the local embedder and triage.
 * Migrants often type without accents, with typos, in twelve scripts: we fold case, accents and
 * Arabic-script letter variants, and split words with Intl.Segmenter (Chinese has no spaces).
 */
import { ara, ben, eng, fra, ita, por, ron, spa, ukr, urd, zho } from 'stopword';
import snowball from 'snowball-stemmers';
import type { Language } from '../core/languages.ts';

const ARABIC_FOLD: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ة': 'ه', 'ک': 'ك',
  'ہ': 'ه', 'ۀ': 'ه', 'ھ': 'ه', 'ؤ': 'و', 'ئ': 'ي', 'ۓ': 'ے',
};
const ARABIC_FOLD_RE = new RegExp(`[${Object.keys(ARABIC_FOLD).join('')}]`, 'g');
// Tashkeel, Quranic marks and tatweel.
const ARABIC_MARKS_RE = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
// Combining marks of Latin, Greek and Cyrillic only: Indic vowel signs must stay.
const LATIN_MARKS_RE = /[\u0300-\u036f]/g;

/** Folds text for matching: NFKC, lower case, no Latin accents, unified Arabic-script letters. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(LATIN_MARKS_RE, '')
    .normalize('NFC')
    .replace(ARABIC_MARKS_RE, '')
    .replace(ARABIC_FOLD_RE, (c) => ARABIC_FOLD[c] ?? c)
    .replace(/[’‘`´]/g, "'")
    // "Lo.C.A.Re." and "e.g." become one word.
    .replace(/(\p{L})\.(?=\p{L})/gu, '$1');
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Splits already-folded text into words (elisions such as l'impiego are split). */
export function splitWords(folded: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(folded.replace(/'/g, ' '))) {
    if (!s.isWordLike) continue;
    const w = s.segment.replace(/[.,]+$/g, '');
    if (w) out.push(w);
  }
  return out;
}

/** Folds and splits in one go. */
export function words(text: string): string[] {
  return splitWords(foldText(text));
}

const ALBANIAN_STOPWORDS = [
  'a', 'dhe', 'e', 'te', 'të', 'ne', 'në', 'per', 'për', 'me', 'se', 'si', 'nga', 'i', 'u', 'do',
  'nje', 'një', 'qe', 'që', 'ka', 'jam', 'eshte', 'është', 'kam', 'mund', 'ti', 'ju', 'une', 'unë',
  'ai', 'ajo', 'ata', 'ato', 'ky', 'kjo', 'ose', 'por', 'nuk', 'jo', 'po', 'ku', 'kur', 'cfare', 'çfarë',
  'si', 'mi', 'im', 'ime', 'tim', 'time', 'sa', 'edhe', 'pa', 'deri', 'tek', 'te',
];

const STOPWORD_LISTS: Record<Language, readonly string[]> = {
  it: ita, en: eng, fr: fra, es: spa, ar: ara, ro: ron, sq: ALBANIAN_STOPWORDS, zh: zho,
  uk: ukr, pt: por, bn: ben, ur: urd,
};

/**
 * Words of asking that carry no subject ("can I", "how do I", "I would like"): questions are full
 * of them, and they made unrelated cards match. Added to the general stop word lists.
 */
const QUESTION_WORDS: Partial<Record<Language, readonly string[]>> = {
  it: ['posso', 'puoi', 'può', 'possiamo', 'potete', 'possono', 'potrei', 'devo', 'devi', 'deve', 'dobbiamo', 'voglio', 'vuoi', 'vorrei', 'fare', 'faccio', 'fa', 'come', 'cosa', 'dove', 'quando', 'quanto', 'quanti', 'chi', 'ciao', 'grazie', 'salve', 'buongiorno', 'qualcuno', 'qualcosa', 'ancora', 'già', 'solo', 'mai', 'sapere', 'so', 'sai', 'serve', 'bisogno'],
  en: ['can', 'could', 'may', 'must', 'need', 'want', 'would', 'should', 'do', 'does', 'did', 'get', 'got', 'how', 'what', 'where', 'when', 'who', 'which', 'please', 'hi', 'hello', 'thanks', 'thank', 'know', 'tell', 'anyone', 'someone', 'something', 'still', 'already', 'im', 'dont', 'cant'],
  fr: ['peux', 'peut', 'pouvez', 'puis', 'pourrais', 'dois', 'doit', 'devez', 'veux', 'voudrais', 'faire', 'fait', 'comment', 'quoi', 'où', 'quand', 'combien', 'bonjour', 'merci', 'svp', 'est-ce', 'quelqu', 'quelque', 'chose', 'encore', 'déjà', 'savoir', 'sais', 'besoin'],
  es: ['puedo', 'puede', 'puedes', 'podemos', 'podría', 'debo', 'debe', 'tengo', 'tiene', 'quiero', 'quisiera', 'hacer', 'hago', 'cómo', 'qué', 'dónde', 'cuándo', 'cuánto', 'hola', 'gracias', 'favor', 'alguien', 'algo', 'todavía', 'ya', 'saber', 'sé', 'necesito'],
  pt: ['posso', 'pode', 'podemos', 'poderia', 'devo', 'deve', 'tenho', 'tem', 'quero', 'queria', 'gostaria', 'fazer', 'faço', 'como', 'onde', 'quando', 'quanto', 'olá', 'oi', 'obrigado', 'obrigada', 'alguém', 'algo', 'ainda', 'já', 'saber', 'sei', 'preciso'],
  ar: ['شو', 'شنو', 'وين', 'فين', 'كيفاش', 'ازاي', 'بدي', 'بغيت', 'ابغى', 'ابي', 'عشان', 'علشان', 'اللي', 'هاد', 'هادا', 'ممكن', 'نقدر', 'اقدر', 'يمكنني', 'لازم', 'عندي', 'انا', 'احنا', 'نحن', 'هل', 'كيف', 'ماذا', 'اين', 'متى', 'كم'],
  ro: ['pot', 'poți', 'poate', 'putem', 'puteți', 'trebuie', 'vreau', 'aș', 'fac', 'face', 'cum', 'ce', 'unde', 'când', 'cât', 'câte', 'bună', 'salut', 'mulțumesc', 'cineva', 'ceva', 'încă', 'deja', 'știu', 'nevoie'],
};

const STOPWORDS = new Map<Language, Set<string>>(
  (Object.keys(STOPWORD_LISTS) as Language[]).map((lang) => [
    lang,
    new Set([...STOPWORD_LISTS[lang], ...(QUESTION_WORDS[lang] ?? [])].flatMap((w) => splitWords(foldText(w)))),
  ]),
);

/** All stop words of all languages: used when the language of a text is unknown. */
const ALL_STOPWORDS = new Set([...STOPWORDS.values()].flatMap((s) => [...s]));

const SNOWBALL: Partial<Record<Language, string>> = {
  it: 'italian', en: 'english', fr: 'french', es: 'spanish', ar: 'arabic', ro: 'romanian', pt: 'portuguese',
};

const stemmers = new Map<Language, { stem(word: string): string }>();
function stemmerFor(lang: Language) {
  const algorithm = SNOWBALL[lang];
  if (!algorithm) return undefined;
  let s = stemmers.get(lang);
  if (!s) {
    s = snowball.newStemmer(algorithm);
    stemmers.set(lang, s);
  }
  return s;
}

/** Languages without a Snowball stemmer get a light prefix stem, which also absorbs inflection. */
const PREFIX_STEM = 6;

/** Reduces one folded word to the term stored in the lexical index. */
export function stemWord(word: string, lang: Language | undefined): string {
  if (/^\d/.test(word)) return word;
  const stemmer = lang ? stemmerFor(lang) : undefined;
  if (stemmer) return stemmer.stem(word);
  if (lang === 'zh') return word;
  return [...word].length > PREFIX_STEM + 1 ? [...word].slice(0, PREFIX_STEM).join('') : word;
}

/** Whether a folded word is a stop word (of `lang`, or of any language when unknown). */
export function isStopword(word: string, lang: Language | undefined): boolean {
  if (/^\d/.test(word)) return false;
  const set = lang ? STOPWORDS.get(lang) : ALL_STOPWORDS;
  return set ? set.has(word) : false;
}

/** Content terms for BM25: folded words without stop words, stemmed by language. */
export function lexicalTerms(text: string, lang: Language | undefined): string[] {
  return contentWords(text, lang).map((w) => stemWord(w, lang));
}

/** Folded words without stop words. */
export function contentWords(text: string, lang: Language | undefined): string[] {
  return words(text).filter((w) => !isStopword(w, lang));
}
