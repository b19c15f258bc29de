import { test } from 'node:test';
import { walk } from './walk';

test('every page of every role reads right in zh-CN, with no error (the browser walk and the agent on a phone)', () => walk(['zh-CN'], true));
