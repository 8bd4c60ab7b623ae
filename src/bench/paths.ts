/**
 * Where the bench finds its data: the shared folder beside the repository (`../shared`), as
 * PRODUCT.md lays it out. `CITEBOT_SHARED_DIR` points elsewhere.
 */
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const repositoryRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const defaultSharedDir = process.env.CITEBOT_SHARED_DIR ?? join(repositoryRoot, '..', 'shared');

export const defaultSeedArticlesDir = join(repositoryRoot, 'seeds');
