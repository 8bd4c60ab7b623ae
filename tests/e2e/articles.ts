/** A temporary articles folder for the end-to-end tests: the seed articles plus ones made to provoke mistakes. */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '../../src/testing/paths.ts';

/** An article a server admin adds in the tests, and a question only it answers. */
export const lighthouseArticle = [
  'Greyhaven lighthouse repainted',
  '',
  'The Greyhaven lighthouse was repainted red and white in March after a winter of storms.',
  '',
  'Keeper Mara Quill said the volunteers used 40 litres of marine paint on the tower.',
  '',
].join('\n');
export const lighthouseQuestion = 'How many litres of paint did the volunteers use on the Greyhaven lighthouse?';

/** Quoted text that would ping a whole server, a user and a role if allowed_mentions did not stop it. */
export const mentionArticle = [
  'Harbour festival announcement',
  '',
  'Organisers of the harbour festival posted the schedule on Friday.',
  '',
  'The organisers wrote "@everyone the harbour festival starts at noon" in the town chat.',
  '',
  'A second post asked <@123456789012345678> and <@&234567890123456789> to bring the festival lanterns early.',
  '',
  'One volunteer typed **bold** and `code` in a festival message about the lanterns.',
  '',
].join('\n');

/** Short articles on an unrelated subject, so that /articles has more than one page. */
export const gardenArticleCount = 7;
function gardenArticle(n: number): string {
  return [
    `Garden notes ${n}`,
    '',
    `Week ${n} of the allotment diary covers compost, seedlings and the greenhouse.`,
    '',
    `The beans planted in week ${n} came up after ten days.`,
    '',
  ].join('\n');
}

export async function makeArticlesFolder(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'citebot-e2e-'));
  await cp(join(repositoryRoot, 'seeds'), dir, { recursive: true });
  await writeFile(join(dir, '900_harbour_festival.txt'), mentionArticle);
  for (let n = 1; n <= gardenArticleCount; n += 1)
    await writeFile(join(dir, `${800 + n}_garden_notes.txt`), gardenArticle(n));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** An article whose lead is three sentences of about 1,600 characters each: more than one embed description holds. */
export const longLeadArticle = [
  'Quarry works inquiry',
  '',
  ...[1, 2, 3].flatMap((n) => [
    `Inquiry finding ${n} said the quarry board ${'reviewed the gates, the crane, the weighbridge, the conveyor, the access road and the settling ponds, '.repeat(17)}and then adjourned.`,
    '',
  ]),
].join('\n');

/** An article whose metadata is written to look like markdown, a mention and links to another site. */
export const hostileMetadataArticle = JSON.stringify({
  title: '**Pier lights** [Click-to-verify](https://evil.example/login) <@123456789012345678>',
  url: 'https://good.example/pier)[Click-to-verify](https://evil.example/login',
  outlet: '__Coast Post__ [x](https://evil.example)',
  author: '# Jo Reporter',
  published: '[26 July](https://evil.example/date)',
  body: 'The pier commission voted on Tuesday to replace the pier lights.\n\nThe new pier lights will be installed in the spring.',
});
