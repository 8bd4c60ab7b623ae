/**
 * What the types of replies allow: checked when the tests are type-checked (`npm test` runs
 * tsc first), as the argument types are in arguments.test.ts.
 */
import type { ButtonInteraction } from 'discord.js';
import { describe, expectTypeOf, it } from 'vitest';
import type { ArticleKey } from '../../src/corpus/types.ts';
import type { ButtonDeferPolicy } from '../../src/discord/command.ts';
import type { AddedArticle } from '../../src/present/discord/admin.ts';

describe('the types of replies', () => {
  it('acknowledges every button press before its handler runs: no button is left to answer on its own', () => {
    expectTypeOf<ButtonDeferPolicy['defer']>().toEqualTypeOf<'first' | 'update'>();
  });

  it('decides whether a button press is deferred privately from the press alone, waiting on nothing', () => {
    expectTypeOf<Extract<ButtonDeferPolicy, { defer: 'first' }>['private']>().toEqualTypeOf<
      boolean | ((interaction: ButtonInteraction) => boolean)
    >();
  });

  it("keeps the key of an article /admin add lists an ArticleKey, as the server's list has it", () => {
    expectTypeOf<AddedArticle['listed']['key']>().toEqualTypeOf<ArticleKey>();
  });
});
