import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSkills, skillsText } from './skillsText';

test('skills with levels round-trip through the one text field; no level is the standard 3', () => {
  assert.deepEqual(parseSkills('general, billing:4，tech：2'), { skills: ['general', 'billing', 'tech'], skillLevels: { billing: 4, tech: 2 } });
  assert.equal(skillsText(['general', 'billing', 'tech'], { billing: 4, tech: 2, general: 3 }), 'general, billing:4, tech:2');
  assert.equal(skillsText(['voice'], undefined), 'voice');
  assert.ok(Number.isNaN(parseSkills('billing:x').skillLevels.billing));
});
