/** Kinds of KB category (a category belongs to one): shared by the store, the importer and the contract. */
export const KB_MODULES = ['product', 'faq', 'process', 'script'] as const;
export type KbModule = (typeof KB_MODULES)[number];
