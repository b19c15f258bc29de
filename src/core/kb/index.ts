/** Knowledge-base search core: normalise → tokenise/passages → query plan → (store) → rank/highlight. */
export * from './text';
export * from './query';
export * from './indexing';
export * from './rank';
export * from './html';
export * from './modules';
