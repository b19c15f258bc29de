import { test } from 'node:test';
import { checkDemo, DEMO_CHECK_TITLE } from './demoCheck';

test(`${DEMO_CHECK_TITLE} [postgres]`, (t) => checkDemo(t, 'postgres'));
