import type { Locale } from './types';
import { messagesOf } from './all';

/** One locale's messages, every capability's merged (nested keys). */
export type Bundle = Record<string, unknown>;

/**
 * A locale's messages at hand now, or undefined when they must be fetched (loadMessages). From source every locale is
 * (merged on first use); the build replaces this module (vite.config.ts localeMessages, issue 16): zh-CN, the default
 * and fallback, is in the entry as data, the other locales are chunks of their own, fetched when chosen.
 */
export const startMessages = (l: Locale): Bundle | undefined => messagesOf(l);

/** A locale's messages, fetched if need be (the build: the locale's chunk). */
export const loadMessages = (l: Locale): Promise<Bundle> => Promise.resolve(messagesOf(l));
