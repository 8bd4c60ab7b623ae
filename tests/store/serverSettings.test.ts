import { expect, it } from 'vitest';
import { defaultServerSettings, ServerSettingsError, ServerSettingsStore } from '../../src/store/serverSettings.ts';
import { describeEachBackend } from './backends.ts';

describeEachBackend('server settings', (backend) => {
  it('gives defaults to a server that never changed anything', async () => {
    const settings = new ServerSettingsStore(await backend.open());
    expect(await settings.get('g1')).toEqual(defaultServerSettings);
  });

  it('keeps each server’s changes, across a restart, without touching other servers', async () => {
    const settings = new ServerSettingsStore(await backend.open());
    await settings.update('g1', { defaultQuoteCount: 5, answerVisibility: 'private' });
    await settings.setSharedArticleEnabled('g1', 'a2', false);
    const restarted = new ServerSettingsStore(await backend.open());
    expect(await restarted.get('g1')).toEqual({
      defaultQuoteCount: 5,
      answerVisibility: 'private',
      disabledSharedArticles: ['a2'],
    });
    expect(await restarted.get('g2')).toEqual(defaultServerSettings);
    await restarted.setSharedArticleEnabled('g1', 'a2', true);
    expect((await restarted.get('g1')).disabledSharedArticles).toEqual([]);
  });

  it('refuses an invalid change whole, with a message saying what is allowed', async () => {
    const settings = new ServerSettingsStore(await backend.open());
    await settings.update('g1', { defaultQuoteCount: 4 });
    await expect(settings.update('g1', { defaultQuoteCount: 11, answerVisibility: 'private' })).rejects.toThrow(
      ServerSettingsError,
    );
    await expect(settings.update('g1', { defaultQuoteCount: 0 })).rejects.toThrow(/from 1 to 10/);
    await expect(settings.update('g1', { answerVisibility: 'secret' as 'public' })).rejects.toThrow(
      /"public" or "private"/,
    );
    expect(await settings.get('g1')).toMatchObject({ defaultQuoteCount: 4, answerVisibility: 'public' });
  });

  it('loses no change when several arrive at once', async () => {
    const settings = new ServerSettingsStore(await backend.open());
    await Promise.all(['a0', 'a1', 'a2', 'a3'].map((key) => settings.setSharedArticleEnabled('g1', key, false)));
    expect((await settings.get('g1')).disabledSharedArticles).toEqual(['a0', 'a1', 'a2', 'a3']);
  });
});
