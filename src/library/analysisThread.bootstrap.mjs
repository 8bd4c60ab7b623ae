// The analysis worker's entry point (see analysisWorker.ts). On Node 20 a worker thread does
// not get the TypeScript loader the bot runs under (tsx), not even with `--import tsx` in its
// execArgv, so this plain module registers tsx and then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./analysisThread.ts');
