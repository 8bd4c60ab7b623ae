/** Articles, sentences and answers built by hand for the presentation tests. */
import type { Article, ArticleKey, CitationId, LineKind, Sentence } from '../../../src/corpus/types.ts';
import type { FoundAnswer, Quote } from '../../../src/retrieval/types.ts';

export function sentence(
  articleKey: string,
  paragraph: number,
  position: number,
  text: string,
  kind: LineKind = 'prose',
): Sentence {
  return {
    id: `${articleKey}:${paragraph}.${position}` as CitationId,
    articleKey: articleKey as ArticleKey,
    paragraph,
    position,
    text,
    kind,
  };
}

export function article(key: string, overrides: Partial<Article> = {}): Article {
  return {
    key: key as ArticleKey,
    file: `${key}.txt`,
    title: `Article ${key}`,
    url: `https://news.example/${key}`,
    author: null,
    published: '2021-07-26T10:00:00Z',
    outlet: 'Example News',
    paragraphs: [],
    ...overrides,
  };
}

export function quote(source: Article, sentences: Sentence[], score = 1): Quote {
  const text = sentences.map((s) => s.text).join(' ');
  return {
    main: sentences[0]!,
    sentences,
    text,
    score,
    highlights: [],
    sources: [{ article: source, citationIds: sentences.map((s) => s.id), text, wording: 'same' }],
  };
}

export function answer(question: string, quotes: readonly Quote[]): FoundAnswer {
  const [first, ...rest] = quotes;
  if (!first) throw new Error('a found answer holds at least one quote');
  return { answered: true, question, quotes: [first, ...rest], confidence: 1 };
}
