// Worker entry: node does not load .ts entry points in worker threads by itself, so register
// tsx's loader first, then run the TypeScript body (the built CLI runs lib/server/reportThread.js).
import { register } from 'tsx/esm/api';

register();
await import('./reportThread.ts');
