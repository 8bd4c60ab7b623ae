import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/corpus/load.ts';
import type { AnalysedArticle } from '../../src/corpus/segment.ts';
import { sentencesOf, type Sentence } from '../../src/corpus/types.ts';
import { seedsDir } from '../helpers.ts';

let articles: AnalysedArticle[];
let sentences: Sentence[];
const byText = (text: string): Sentence | undefined => sentences.find((s) => s.text === text);

beforeAll(async () => {
  const loaded = await loadArticles(seedsDir);
  expect(loaded.warnings).toEqual([]);
  articles = loaded.articles;
  sentences = articles.flatMap((a) => sentencesOf(a.article));
});

describe('segmentation of the seed articles', () => {
  it('keeps a heading line out of the sentence that follows it', () => {
    expect(byText('US Could Shift From a Combat to an Advisory Role in Iraq')?.kind).toBe('heading');
    expect(byText('U.S. troops with Iraqi operators.')).toBeDefined();
  });

  it('keeps a photo credit out of the caption text', () => {
    expect(byText('(DoD)')?.kind).toBe('caption');
    expect(byText('Iraqi special operations forces are considered very well-trained and capable.')?.kind).toBe(
      'caption',
    );
  });

  it('does not break sentences at "U.S.-Iraq" or "Gen. Qasem Soleimani"', () => {
    expect(
      sentences.some(
        (s) =>
          s.text.startsWith('As part of the U.S.-Iraq Strategic Dialogue') &&
          s.text.endsWith('took place on Thursday.'),
      ),
    ).toBe(true);
    expect(sentences.some((s) => s.text.includes('Iranian Gen. Qasem Soleimani and Iraqi militia leader'))).toBe(true);
  });

  it('quotes every sentence verbatim from its file', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const { article } of articles) {
      const text = (await readFile(`${seedsDir}/${article.file}`, 'utf8')).replace(/\s+/g, ' ');
      for (const sentence of sentencesOf(article)) expect(text).toContain(sentence.text.replace(/\s+/g, ' '));
    }
  });
});

describe('line kinds on the seed articles', () => {
  it.each([
    ['This is an archived article and the information in the article may be outdated.', 'boilerplate'],
    ['Author: Dave DeCamp', 'byline'],
    ['Dave DeCamp is the news editor of, follow him on Twitter @decampdave.', 'bio'],
    ['/ AFP / Haidar HAMDANI (Photo credit should read HAIDAR HAMDANI/AFP/Getty Images)', 'caption'],
    ['Iranian proxy militias in Iraq.', 'caption'],
    ['(File photo)', 'caption'],
    ['Between a Rock and a Hard Place', 'heading'],
    ['What of Iraq?', 'heading'],
    ['An End to Combat Missions May Not Mean a Reduced US Presence', 'heading'],
    ['Report: US Mission in Iraq to Shift to ‘Advisory’ Role', 'title'],
    ['The approved ceiling is of troops is 4,647.', 'prose'],
    ["Sources told Politico that the 'combat' mission would end but troops will remain indefinitely", 'prose'],
  ])('"%s" is %s', (text, kind) => {
    expect(byText(text)?.kind).toBe(kind);
  });

  it('classifies the photo caption of article 000 as a caption, all of it', () => {
    const caption = sentences.filter((s) => s.articleKey === 'a0' && s.paragraph === 2);
    expect(caption.length).toBeGreaterThan(1);
    expect(caption.every((s) => s.kind === 'caption')).toBe(true);
  });

  it('takes the title of an article without a title line from its first heading', () => {
    const untitled = articles.find((a) => a.article.file.startsWith('003'))!.article;
    expect(untitled.title).toBe('An End to Combat Missions May Not Mean a Reduced US Presence');
    expect(untitled.paragraphs[0]!.number).toBe(1);
    expect(untitled.paragraphs[0]!.kind).toBe('prose');
  });
});
