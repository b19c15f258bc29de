/**
 * A squad leader (小队长) in the browser (issue 17), phone-sized: the team lead names 李娜 squad leader over
 * 王芳; 李娜 signs in, sees 王芳's help plan and writes a follow-up on it; a plan of two agents outside the squad
 * is neither listed nor readable (404 from the API, asked from the signed-in page).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { nameSquadLeader } from './squads';
import { createAgent } from '../src/store/org';
import { createPlan } from '../src/store/peer/repo';

const plan = { kind: 'pair' as const, goal: '独立处理投诉', kpi: null, kpiTarget: null, startDate: '2026-11-01', endDate: '2026-11-30' };

test('a lead names a squad leader, who follows up their member’s plan and cannot read one outside the squad', async () => {
  let outsideId = 0;
  const h = await startHarness({
    seed: async (store, org) => {
      const mk = (no: string, name: string) =>
        createAgent(
          store.db,
          { centerId: org.centerId, teamId: org.teamA, employeeNo: no, name, hireDate: '2023-06-01', skillLevel: 'senior', extCode: no, queues: ['general'] },
          0,
        );
      const chen = await mk('A003', '陈静');
      const liu = await mk('A004', '刘洋');
      // inside the squad: 王芳 (a2) is the mentee; outside: 陈静 mentors 刘洋, neither in 李娜's squad
      await createPlan(
        store.db,
        org.centerId,
        { ...plan, teamId: org.teamA, title: '投诉处理一帮一', leaderAgentId: chen, memberIds: [org.agents.a2] },
        null,
        0,
      );
      outsideId = await createPlan(
        store.db,
        org.centerId,
        { ...plan, teamId: org.teamA, title: '外呼话术一帮一', leaderAgentId: chen, memberIds: [liu] },
        null,
        0,
      );
    },
  });
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await nameSquadLeader(page, url);
    assert.match((await page.textContent('[data-testid=peer-squads] li')) ?? '', /小队长 李娜 · 队员 王芳/);
    await signOutUi(page);

    // the squad leader (an agent) sees the plan of their member, not the one outside the squad
    await signInUi(page, url, 'a1');
    await page.goto(`${url}/#/floor/peer`);
    await page.waitForSelector('[data-testid=peer-plans] table >> text=投诉处理一帮一');
    const listed = (await page.textContent('[data-testid=peer-plans] table')) ?? '';
    assert.doesNotMatch(listed, /外呼话术一帮一/);
    assert.doesNotMatch(listed, /刘洋/);
    await page.locator('[data-testid=peer-plans] tbody tr', { hasText: '投诉处理一帮一' }).getByRole('button').click();
    await page.waitForSelector('[data-testid=plan-detail] >> text=投诉处理一帮一');
    await page.fill('[data-testid=add-follow-up] input[name=date]', '2026-11-05');
    await page.fill('[data-testid=add-follow-up] textarea[name=note]', '小队长陪听三通投诉电话');
    await page.click('[data-testid=add-follow-up] button[type=submit]');
    await page.waitForSelector('[data-testid=follow-ups] >> text=小队长陪听三通投诉电话');
    // the follow-up is signed with the squad leader's user (display name 'a1' in the test org)
    assert.match((await page.textContent('[data-testid=follow-ups]')) ?? '', /2026-11-05 · 小队长陪听三通投诉电话\s*（a1）/);
    // a lead's tools stay the lead's: no new plan or new squad form for the squad leader
    assert.equal(await page.locator('[data-testid=new-plan]').count(), 0);
    assert.equal(await page.locator('[data-testid=new-squad]').count(), 0);
    // the plan outside the squad answers 404 (not in reach), reading and writing alike
    const status = await page.evaluate(async (id) => (await fetch(`/api/peer/plans/${id}`)).status, outsideId);
    assert.equal(status, 404);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `page is ${wide}px wide`);
  } finally {
    await h.close();
  }
});
