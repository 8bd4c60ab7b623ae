/**
 * A parsed article -> paragraphs -> sentences with citation ids, and the wink analysis of each
 * sentence (kept for the index, so the text is read once).
 *
 * Paragraphs come from line breaks: every non-blank line is one, so a heading line or a photo
 * caption never merges into the sentence after it (wink alone would merge them). The one
 * exception is a soft-wrapped line, one that stops mid-sentence and is followed by a line
 * starting in lower case: the two are joined with a space.
 */
import { analyse, type AnalysedToken } from '../nlp/analyse.ts';
import { formatCitationId } from './citation.ts';
import { capLength, maxTitleLength } from './clean.ts';
import { classifyLine } from './lineKinds.ts';
import type { ParsedArticle } from './parse.ts';
import type { Article, ArticleKey, LineKind, Paragraph, Sentence } from './types.ts';

/** An article with the wink tokens of each of its sentences, in `sentencesOf` order. */
export interface AnalysedArticle {
  readonly article: Article;
  readonly tokens: readonly (readonly AnalysedToken[])[];
}

interface BodyLine {
  readonly text: string;
  /** Known from the file's syntax: a markdown heading, or a line of images or links only. */
  readonly kind: 'heading' | 'caption' | null;
}

function joinSoftWraps(
  lines: readonly string[],
  headingLines: ReadonlySet<number>,
  captionLines: ReadonlySet<number>,
): BodyLine[] {
  // Each paragraph is kept as its lines and joined once at the end: testing the end of a
  // growing joined string would flatten it on every line, quadratic in a long paragraph.
  const paragraphs: { pieces: string[]; kind: BodyLine['kind'] }[] = [];
  let previousBlank = true;
  lines.forEach((raw, n) => {
    const text = raw.trim();
    if (text === '') {
      previousBlank = true;
      return;
    }
    const kind = headingLines.has(n) ? 'heading' : captionLines.has(n) ? 'caption' : null;
    const last = paragraphs[paragraphs.length - 1];
    const lastPiece = last?.pieces[last.pieces.length - 1];
    const softWrap =
      last &&
      lastPiece !== undefined &&
      !previousBlank &&
      last.kind === null &&
      kind === null &&
      !/[.!?:;"”’)\]]$/u.test(lastPiece) &&
      /^\p{Ll}/u.test(text);
    if (softWrap) last.pieces.push(text);
    else paragraphs.push({ pieces: [text], kind });
    previousBlank = false;
  });
  return paragraphs.map((paragraph) => ({ text: paragraph.pieces.join(' '), kind: paragraph.kind }));
}

/** A bare parenthesised credit left as its own sentence: "(DoD)", "(File photo)". */
const bareCredit = /^\([^()]{1,40}\)$/;

function buildParagraph(
  key: ArticleKey,
  number: number,
  text: string,
  kind: LineKind,
  tokensOut: AnalysedToken[][],
): Paragraph {
  const sentences: Sentence[] = [];
  for (const analysed of analyse(text)) {
    const sentenceText = text.slice(analysed.start, analysed.end).trim();
    if (sentenceText === '') continue;
    tokensOut.push(analysed.tokens as AnalysedToken[]);
    const position = sentences.length + 1;
    const sentenceKind: LineKind = kind === 'prose' && bareCredit.test(sentenceText) ? 'caption' : kind;
    sentences.push({
      id: formatCitationId(key, number, position),
      articleKey: key,
      paragraph: number,
      position,
      text: sentenceText,
      kind: sentenceKind,
    });
  }
  return { number, kind, text, sentences };
}

export function segmentArticle(key: ArticleKey, file: string, parsed: ParsedArticle): AnalysedArticle {
  const tokens: AnalysedToken[][] = [];
  const paragraphs: Paragraph[] = [];
  if (parsed.titleSource !== 'derived') paragraphs.push(buildParagraph(key, 0, parsed.meta.title, 'title', tokens));
  joinSoftWraps(parsed.bodyLines, parsed.headingLines, parsed.captionLines).forEach((line, i) => {
    const kind: LineKind = line.kind ?? classifyLine(line.text);
    paragraphs.push(buildParagraph(key, i + 1, line.text, kind, tokens));
  });
  // A file without a title line is named by its first heading if it has one near the top
  // (that is where a page's headline lands), else by its opening words.
  const firstHeading =
    parsed.titleSource === 'derived'
      ? paragraphs.slice(0, 8).find((paragraph) => paragraph.kind === 'heading')
      : undefined;
  // The heading paragraph stays whole; only its use as the article's name is held to a title's length.
  const title = firstHeading ? capLength(firstHeading.text, maxTitleLength).value : parsed.meta.title;
  return { article: { ...parsed.meta, title, key, file, paragraphs }, tokens };
}
