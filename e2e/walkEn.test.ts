import { test } from 'node:test';
import { walk } from './walk';

test('every page of every role reads right in en, with no error (the browser walk)', () => walk(['en'], false));
