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
  /** The shared catalogue, whose entries come before this one's own, when this is a server's over it. */
  private readonly base: Catalogue | undefined;
  /** This catalogue's own entries: for a server's over the shared one, the server's articles alone. */
  private readonly ownArticles: CatalogueArticle[];
  private readonly ownSentences: CatalogueSentence[];

  /**
   * `base`: the catalogue of the shared engine, when `engine` is a server's, which holds the
   * shared articles and sentences first (src/index/append.ts): the base is looked in first and
   * its entries are not copied, so a server's catalogue costs its own articles alone, however
   * large the shared library.
   */
  constructor(engine: QuoteEngine, base?: Catalogue) {
    this.base = base?.leads(engine) ? base : undefined;
    this.ownArticles = engine.articles.slice(this.base?.articleCount ?? 0).map((article) => ({
      article,
      searchable: `${article.key} ${article.title} ${article.outlet ?? ''}`.toLowerCase(),
    }));
    this.ownSentences = [];
    for (let s = this.base?.sentenceCount ?? 0; s < engine.sentenceCount; s += 1) {
      const sentence = sentenceAt(engine.index, s)!;
      this.ownSentences.push({
        id: sentence.id,
        text: sentence.text,
        articleKey: sentence.articleKey,
        searchable: sentence.text.toLowerCase(),
        prose: sentence.kind === 'prose',
      });
    }
  }

  /** Articles offered, the base's included. */
  get articleCount(): number {
    return (this.base?.articleCount ?? 0) + this.ownArticles.length;
  }

  /** Sentences offered, the base's included. */
  get sentenceCount(): number {
    return (this.base?.sentenceCount ?? 0) + this.ownSentences.length;
  }

  /** Sentences this catalogue holds itself: what it costs beyond its base's. */
  get ownSentenceCount(): number {
    return this.ownSentences.length;
  }

  /** The articles in the engine's order, as arrays to read in turn: the base's, then its own. */
  private articleParts(): readonly (readonly CatalogueArticle[])[] {
    return this.base ? [...this.base.articleParts(), this.ownArticles] : [this.ownArticles];
  }

  /** The sentences in the engine's order, as arrays to read in turn: the base's, then its own. */
  private sentenceParts(): readonly (readonly CatalogueSentence[])[] {
    return this.base ? [...this.base.sentenceParts(), this.ownSentences] : [this.ownSentences];
  }

  /**
   * Whether `engine` holds this catalogue's articles first, as the same objects: a server's
   * engine over the shared one does (its articles and sentences are the shared ones, then its own).
   */
  private leads(engine: QuoteEngine): boolean {
    if (engine.sentenceCount < this.sentenceCount || engine.articles.length < this.articleCount) return false;
    let i = 0;
    for (const part of this.articleParts())
      for (const { article } of part) if (engine.articles[i++] !== article) return false;
    return true;
  }

  /** Articles whose key, title or outlet contain every typed word. */
  articleChoices(typed: string, visible?: ArticleVisibility): APIApplicationCommandOptionChoice<string>[] {
    const words = typedWords(typed);
    const out: APIApplicationCommandOptionChoice<string>[] = [];
    for (const part of this.articleParts())
      for (const { article, searchable } of part) {
        if (out.length >= discordLimits.autocompleteChoices) return out;
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
    for (const part of this.sentenceParts())
      for (const sentence of part) {
        if (out.length >= discordLimits.autocompleteChoices) return out;
        if (visible && !visible(sentence.articleKey)) continue;
        const matches =
          idPrefix !== null
            ? sentence.id.startsWith(idPrefix)
            : words.length === 0
              ? sentence.prose
              : holdsEvery(sentence.searchable, words);
        if (matches)
          out.push(
            choice(
              `${sentence.id} — ${around(sentence, words[0] && idPrefix === null ? words[0] : null)}`,
              sentence.id,
            ),
          );
      }
    return out;
  }

  /** An article by key, or by a title that the text picks out alone. */
  findArticle(typed: string, visible?: ArticleVisibility): Article | undefined {
    const wanted = typed.trim().toLowerCase();
    if (wanted === '') return undefined;
    // One pass over the parts, not a copy of them: a key wins wherever it is; else a title, else
    // a text that picks out one article alone.
    let byTitle: Article | undefined;
    let titles = 0;
    let containing: Article | undefined;
    let containingCount = 0;
    for (const part of this.articleParts())
      for (const { article, searchable } of part) {
        if (visible && !visible(article.key)) continue;
        if (article.key === wanted) return article;
        if (article.title.toLowerCase() === wanted) [byTitle, titles] = [article, titles + 1];
        if (searchable.includes(wanted)) [containing, containingCount] = [article, containingCount + 1];
      }
    if (titles === 1) return byTitle;
    return containingCount === 1 ? containing : undefined;
  }
}
