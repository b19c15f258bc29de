// CSS imported for its side effect (fonts.ts): Vite bundles it; nothing is read from the module
declare module '*.css';
