/**
 * Whether an article is in English. Citebot reads English only: wink-nlp's English model
 * splits the sentences, Porter2 stems English words, and the synonyms and line kinds are
 * English. A French article would be cut into odd sentences, its words stemmed as if they
 * were English, and it would be quoted for an English question only by accident, through a
 * name the two share; so an article in another language is refused, and says so, rather
 * than kept and marked (marking would need a language carried through the index and ranking,
 * for an article no command could then answer from).
 *
 * The text decides, not the page's `lang` attribute, which is often a site-wide template
 * value. English prose is about half function words (the, of, and, to, ...); other languages
 * written in Latin letters share few of them ("a", "on", "in"), so their share stays low.
 */

/** Common English function words; most of them are not words in French, Spanish, German or Italian. */
const englishFunctionWords = new Set(
  'the of and to in is was that for it with as on be by at this from have has had are were he she they his her their its an or but not which who would will said been than after also about more when there what into'.split(
    ' ',
  ),
);

/** Words needed before judging: a line or two is too little to tell. */
const wordsToJudge = 40;

/**
 * The least share of function words in English prose. Measured on the articles of the saved
 * news pages (../shared/bench/webpages): the 22 English ones hold 0.28 to 0.40 of these
 * words, the French and the Spanish one 0.00 and 0.01; 0.15 sits well between.
 */
export const minEnglishShare = 0.15;

export function englishShare(text: string): number | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < wordsToJudge) return null;
  return words.filter((word) => englishFunctionWords.has(word)).length / words.length;
}

/** The language's English name from a tag (`fr-FR` -> French), or null when the tag is not one. */
export function languageName(tag: string | null): string | null {
  if (tag === null) return null;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag.split(/[-_]/)[0]!.toLowerCase());
    return name && name.toLowerCase() !== tag.toLowerCase() ? name : null;
  } catch {
    return null;
  }
}

/** Why an article's text is not English, or null when it is (or is too short to tell). */
export function notEnglishReason(text: string, declaredLanguage: string | null): string | null {
  const share = englishShare(text);
  if (share === null || share >= minEnglishShare) return null;
  const name = languageName(declaredLanguage);
  const said =
    name !== null && name !== 'English'
      ? `in ${name} (the page says "${declaredLanguage!.slice(0, 20)}")`
      : 'not in English';
  return `the article is ${said}; I read and quote English articles only`;
}
