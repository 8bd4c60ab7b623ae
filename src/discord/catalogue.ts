/**
 * Autocomplete must answer within Discord's 3 seconds on every keystroke, so its data is
 * computed once per engine: article titles and every sentence's id and text, lower-cased.
 * A server that turned some shared articles off passes `visible`, so that their titles and
 * sentences are never offered there.
 */
import type { Article } from '../corpus/types.ts';
import { sentenceAt } from '../index/sentenceIndex.ts';
import { discordLimits } from '../present/discord/limits.ts';
import { choice } from '../present/discord/views.ts';
import type { QuoteEngine } from '../retrieval/engine.ts';
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';

interface CatalogueArticle {
  readonly article: Article;
  readonly searchable: string;
}

interface CatalogueSentence {
  readonly id: string;
  readonly articleKey: string;
  readonly text: string;
  readonly searchable: string;
  readonly prose: boolean;
}

const idLike = /^\[?\s*([ak][0-9a-z]{0,12})(:\d{0,5}(\.\d{0,4})?)?$/i;

/** Room in a choice name (100 characters) left for the sentence after its id. */
const choiceTextRoom = 80;

/** The sentence, starting shortly before the typed word when the word would be past the end of the choice name. */
function around(sentence: CatalogueSentence, word: string | null): string {
  if (word === null) return sentence.text;
  const at = sentence.searchable.indexOf(word);
  if (at < choiceTextRoom - word.length - 10) return sentence.text;
  const start = sentence.text.lastIndexOf(' ', at - 20);
  return `…${sentence.text.slice(start < 0 ? at : start + 1)}`;
}

/** The words typed into an autocomplete field, lower-cased: a choice must contain every one. */
export function typedWords(typed: string): string[] {
  return typed.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether a choice's lower-cased searchable text contains every typed word. */
export function holdsEvery(searchable: string, words: readonly string[]): boolean {
  return words.every((word) => searchable.includes(word));
}

/** Whether an article (by key) may be shown; absent means every article may. */
export type ArticleVisibility = ((articleKey: string) => boolean) | undefined;

export class Catalogue {
  private readonly articles: CatalogueArticle[];
  private readonly sentences: CatalogueSentence[];

  /**
   * `base`: the catalogue of the shared engine, when `engine` is a server's, which holds the
   * shared articles and sentences first (src/index/append.ts): their entries are reused, so a
   * server's catalogue costs its own articles, not another copy of the shared ones.
   */
  constructor(engine: QuoteEngine, base?: Catalogue) {
    const reused = base?.leads(engine) ? base : undefined;
    this.articles = [
      ...(reused?.articles ?? []),
      ...engine.articles.slice(reused?.articles.length ?? 0).map((article) => ({
        article,
        searchable: `${article.key} ${article.title} ${article.outlet ?? ''}`.toLowerCase(),
      })),
    ];
    this.sentences = [...(reused?.sentences ?? [])];
    for (let s = this.sentences.length; s < engine.sentenceCount; s += 1) {
      const sentence = sentenceAt(engine.index, s)!;
      this.sentences.push({
        id: sentence.id,
        text: sentence.text,
        articleKey: sentence.articleKey,
        searchable: sentence.text.toLowerCase(),
        prose: sentence.kind === 'prose',
      });
    }
  }

  /**
   * Whether `engine` holds this catalogue's articles first, as the same objects: a server's
   * engine over the shared one does (its articles and sentences are the shared ones, then its own).
   */
  private leads(engine: QuoteEngine): boolean {
    return (
      engine.sentenceCount >= this.sentences.length &&
      this.articles.every(({ article }, i) => engine.articles[i] === article)
    );
  }

  /** Articles whose key, title or outlet contain every typed word. */
  articleChoices(typed: string, visible?: ArticleVisibility): APIApplicationCommandOptionChoice<string>[] {
    const words = typedWords(typed);
    const out: APIApplicationCommandOptionChoice<string>[] = [];
    for (const { article, searchable } of this.articles) {
      if (out.length >= discordLimits.autocompleteChoices) break;
      if (visible && !visible(article.key)) continue;
      if (holdsEvery(searchable, words)) out.push(choice(`${article.title} (${article.key})`, article.key));
    }
    return out;
  }

  /** Sentences whose id starts with what was typed, or whose text contains every typed word. */
  sentenceChoices(typed: string, visible?: ArticleVisibility): APIApplicationCommandOptionChoice<string>[] {
    const trimmed = typed.trim().toLowerCase();
    const idPrefix = idLike.test(trimmed) ? trimmed.replace(/^\[\s*/, '') : null;
    const words = trimmed.split(/\s+/).filter(Boolean);
    const out: APIApplicationCommandOptionChoice<string>[] = [];
    for (const sentence of this.sentences) {
      if (out.length >= discordLimits.autocompleteChoices) break;
      if (visible && !visible(sentence.articleKey)) continue;
      const matches =
        idPrefix !== null
          ? sentence.id.startsWith(idPrefix)
          : words.length === 0
            ? sentence.prose
            : holdsEvery(sentence.searchable, words);
      if (matches)
        out.push(
          choice(`${sentence.id} — ${around(sentence, words[0] && idPrefix === null ? words[0] : null)}`, sentence.id),
        );
    }
    return out;
  }

  /** An article by key, or by a title that the text picks out alone. */
  findArticle(typed: string, visible?: ArticleVisibility): Article | undefined {
    const wanted = typed.trim().toLowerCase();
    if (wanted === '') return undefined;
    const articles = visible ? this.articles.filter(({ article }) => visible(article.key)) : this.articles;
    const byKey = articles.find(({ article }) => article.key === wanted);
    if (byKey) return byKey.article;
    const byTitle = articles.filter(({ article }) => article.title.toLowerCase() === wanted);
    if (byTitle.length === 1) return byTitle[0]!.article;
    const containing = articles.filter(({ searchable }) => searchable.includes(wanted));
    return containing.length === 1 ? containing[0]!.article : undefined;
  }
}
