import { test } from 'node:test';
import { walk } from './walk';

test('every page of every role reads right in zh-TW, with no error (the browser walk)', () => walk(['zh-TW'], false));
