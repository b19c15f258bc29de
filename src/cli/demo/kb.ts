/**
 * Demo data for the knowledge base and work orders: ~100 believable articles across the four
 * modules (product, FAQ, processes, answer scripts) for a gas & utilities hotline, a few drafts
 * in review, departments and a field crew, and work orders in every state of their loops.
 */
import { sql } from 'kysely';
import type { DemoSeeder, DemoOrgIds } from './seeders';
import type { ServerContext } from '../../server/context';
import { createUser } from '../../store/org';
import { hashPassword } from '../../server/password';
import { importArticle } from '../../store/kb/import';
import { coreActor, createDepartment, createOrder, recordCallback, transitionOrder, woSettings, type NewOrderInput } from '../../store/workorders/orders';
import type { KbModule } from '../../store/kb/articles';
import { DEMO_PASSWORD } from '../commands/demo';

const PRODUCTS = [
  '居民管道燃气',
  '商业用气',
  '壁挂炉',
  '燃气报警器',
  '智能燃气表',
  '预付费IC卡表',
  '燃气灶具',
  '安全保险',
  '电子发票',
  '微信营业厅',
  '燃气热水器',
  '管道改造',
  '燃气泄漏检测服务',
  '分时气价套餐',
  '企业用户托管服务',
  '自助缴费终端',
  '燃气安全课堂',
  '一户一表改造',
];
const FAQS = [
  '阶梯气价怎么计算',
  '为什么这个月账单偏高',
  '如何办理过户',
  '燃气表不走字怎么办',
  '忘记缴费会停气吗',
  '如何开具电子发票',
  '滞纳金如何计算',
  '预存款能退吗',
  '如何查询缴费记录',
  '安检人员如何核实身份',
  '闻到燃气味怎么办',
  '停气后如何恢复点火',
  '如何修改联系电话',
  '租户能否开户',
  '燃气表可以自行移位吗',
  '积分如何兑换',
  '线上缴费未到账',
  '如何申请低保减免',
  '报警器一直响怎么办',
  '新房如何开通燃气',
  '节假日能否上门维修',
  'IC卡丢失如何补办',
  '抄表时间是哪天',
  '表具更换收费吗',
  '账户余额为负数怎么办',
  '如何申请暂停用气',
  '长期不在家要注意什么',
  '燃气管道能否包进橱柜',
  '软管多久需要更换',
  '如何预约上门安检',
  '自助终端缴费失败',
  '户号在哪里查看',
  '如何变更缴费银行卡',
  '可以开具增值税专用发票吗',
  '商户如何申请扩容',
  '老人独居如何申请关爱服务',
  '燃气费能否分期',
  '为什么要入户安检',
  '燃气表电池没电怎么办',
  '如何投诉维修人员',
];
const PROCESSES = [
  '疑难问题升级流程',
  '投诉受理与闭环流程',
  '抢修派工流程',
  '回访工作规范',
  '停气通知发布流程',
  '过户业务办理流程',
  '退费审批流程',
  '重大事件上报流程',
  '投诉专业户处理规范',
  '工单超时处理规定',
  '交接班记录规范',
  '知识库文章审核流程',
  '客户信息保密规定',
  '录音调听申请流程',
  '外呼营销合规要求',
  '紧急抢修响应流程',
  '大面积停气应急预案',
  '媒体来电处理规定',
  '客户资料修改审核流程',
  '坐席权限申请流程',
];
const SCRIPTS = [
  '开场白',
  '核实身份',
  '停气致歉',
  '账单解释',
  '情绪安抚',
  '拒绝不合理要求',
  '转接说明',
  '挂机结束语',
  '投诉受理',
  '漏气紧急处置',
  '回访开场',
  '催缴提醒',
  '营销推荐',
  '等待提示',
  '无法立即答复',
  '投诉专业户应对',
  '老年客户沟通',
  '方言客户沟通',
  '客户要求找领导',
  '客户威胁投诉媒体',
  '回访满意度调查',
  '欠费停气提醒',
  '安检预约',
  '上门服务确认',
  '转业务部门说明',
];

function body(module: KbModule, topic: string, i: number): string {
  const n = (k: number) => ((i * 7 + k * 13) % 9) + 1;
  switch (module) {
    case 'product':
      return `<h2>产品简介</h2><p>${topic}是本公司面向居民和商业客户提供的服务，客户可通过营业厅、微信营业厅或热线 95598 办理。</p><h3>适用对象</h3><ul><li>已开户的居民用户</li><li>持有营业执照的商业用户</li></ul><h3>收费标准</h3><table><thead><tr><th>项目</th><th>标准</th></tr></thead><tbody><tr><td>基本费用</td><td>${n(1) * 10} 元</td></tr><tr><td>上门服务</td><td>${n(2) * 5} 元/次</td></tr></tbody></table><p>注意：坐席不得承诺标准以外的优惠；如客户有疑问，请按<strong>疑难问题升级流程</strong>提交疑难座席。</p>`;
    case 'faq':
      return `<h2>问题</h2><p>客户来电询问：${topic}？</p><h2>答复要点</h2><ol><li>先核实客户身份（户号、姓名、地址）。</li><li>在系统中查询客户近 ${n(3)} 个月的用气和缴费记录。</li><li>按照公司规定向客户解释，语气平和，避免使用专业术语。</li></ol><blockquote>如客户不认可解释，可登记投诉工单，三个工作日内由专人回访。</blockquote><p>相关话术见「账单解释」「情绪安抚」。</p>`;
    case 'process':
      return `<h2>适用范围</h2><p>本流程规定${topic.replace(/流程|规范|规定|要求$/, '')}的处理步骤，适用于全体坐席、疑难座席、班长和值班经理。</p><h2>步骤</h2><ol><li>坐席受理并记录工单，工单需写明客户诉求和已做处理。</li><li>疑难座席在 ${n(4) * 5} 分钟内响应；无法解决的升级值班经理。</li><li>值班经理判断是否转业务部门，业务部门回馈后由值班经理闭环。</li><li>每一步都可以退回上一环节，退回时必须注明原因。</li></ol><h2>时限</h2><p>紧急工单 30 分钟，普通工单 8 小时；超时工单在看板标红，值班经理须跟进。</p>`;
    case 'script':
      return `<h2>场景</h2><p>${topic}时使用。</p><h2>标准话术</h2><p>“您好，这里是燃气客服热线，工号 ${1000 + i}，很高兴为您服务。”</p><p>“非常理解您的心情，给您带来不便我们深表歉意，我马上为您核实处理。”</p><h2>注意事项</h2><ul><li>语速适中，每分钟约 ${180 + n(5) * 5} 字。</li><li>不打断客户，不使用“不知道”“不归我们管”等禁语。</li><li>结束前确认客户是否还有其他问题。</li></ul>`;
  }
}

async function seedKb(ctx: ServerContext, org: DemoOrgIds, log: (m: string) => void) {
  const { db, dialect } = ctx.store;
  const trainer = org.userIds.get('trainer')!;
  const expert = org.userIds.get('expert') ?? trainer;
  const now = ctx.now();
  const sets: [KbModule, string, string[]][] = [
    ['product', '产品信息', PRODUCTS],
    ['faq', '常见问题', FAQS],
    ['process', '业务流程', PROCESSES],
    ['script', '话术', SCRIPTS],
  ];
  let n = 0;
  for (const [module, root, topics] of sets) {
    for (let k = 0; k < topics.length; k++) {
      const topic = topics[k]!;
      const sub = module === 'faq' ? ['账务', '业务办理', '安全用气'][k % 3] : module === 'script' ? ['通用', '投诉与安抚'][k % 2] : null;
      const title = module === 'script' ? `话术：${topic}` : topic;
      const id = await importArticle(
        db,
        dialect,
        org.centerId,
        { title, category: sub ? `${root}/${sub}` : root, module, tags: [root, ...(sub ? [sub] : [])], html: body(module, topic, n) },
        k % 3 === 0 ? expert : trainer,
        now - (200 - n) * 86_400_000,
        true,
      );
      await db
        .updateTable('kb_articles')
        .set({ views: (n * 37) % 211, updated_at: now - ((n * 11) % 240) * 86_400_000 })
        .where('id', '=', id)
        .execute();
      n++;
    }
  }
  // two drafts waiting for review, and search statistics
  for (const [t, topic] of [
    ['疫情期间上门服务规定（征求意见稿）', '上门服务'],
    ['新版阶梯气价说明（2027）', '阶梯气价'],
  ] as const)
    await importArticle(
      db,
      dialect,
      org.centerId,
      { title: t, category: '业务流程', module: 'process', tags: [topic], html: `<p>${t}：内容待审核。</p>` },
      trainer,
      now,
      false,
    );
  const agents = [...org.userIds.entries()].filter(([u]) => u.startsWith('agent')).map(([, id]) => id);
  const misses = ['燃气热水器保修', '光伏并网', '充电桩', '燃气热水器保修', '碳积分'];
  await db
    .insertInto('kb_searches')
    .values(misses.map((q, i) => ({ center_id: org.centerId, at: now - i * 3_600_000, user_id: agents[i % agents.length] ?? null, query: q, hits: 0 })))
    .execute();
  for (let i = 0; i < 40; i++)
    await db
      .insertInto('kb_votes')
      .values({ article_id: 1 + ((i * 7) % n), user_id: agents[i % agents.length]!, helpful: i % 4 === 0 ? 0 : 1, at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  await sql`UPDATE kb_articles SET helpful_yes = (SELECT count(*) FROM kb_votes v WHERE v.article_id = kb_articles.id AND v.helpful = 1), helpful_no = (SELECT count(*) FROM kb_votes v WHERE v.article_id = kb_articles.id AND v.helpful = 0)`.execute(
    db,
  );
  log(`knowledge base: ${n} published articles, 2 in review`);
}

async function seedWorkOrders(ctx: ServerContext, org: DemoOrgIds, log: (m: string) => void) {
  const db = ctx.store.db;
  const c = org.centerId;
  const hash = await hashPassword(DEMO_PASSWORD);
  const t0 = ctx.now() - 6 * 86_400_000;
  const mkUser = (username: string, displayName: string) => createUser(db, { username, displayName, passwordHash: hash, roles: ['agent'], centerId: c }, t0);
  const dept1 = await mkUser('dept1', '账务部 周敏');
  const dept2 = await mkUser('dept2', '工程部 孙磊');
  const crew1 = await mkUser('crew1', '抢修一队 马军');
  const billing = await createDepartment(db, c, '账务部', 'business', [dept1], null, t0);
  const engineering = await createDepartment(db, c, '工程部', 'business', [dept2], null, t0);
  const crew = await createDepartment(db, c, '抢修一队', 'crew', [crew1], null, t0);
  const s = await woSettings(db, c);
  const u = (name: string) => org.userIds.get(name)!;
  const actor = async (name: string | number) => {
    const id = typeof name === 'number' ? name : u(name);
    const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute()).map((r) => r.role);
    return coreActor(db, id, roles);
  };
  let clock = t0;
  const tick = (min: number) => (clock += min * 60_000);
  const create = async (who: string, input: NewOrderInput) => (await createOrder(db, c, input, (await actor(who)).actor, tick(7), s)).id;
  const move = async (
    id: number,
    who: string | number,
    transition: string,
    note = '',
    extra: { departmentId?: number; assigneeUserId?: number } = {},
    minutes = 25,
  ) => {
    const a = await actor(who);
    await transitionOrder(db, c, id, { transition, note, ...extra }, a.actor, a.departmentIds, tick(minutes), s);
  };
  const esc = [
    '客户质疑阶梯气价计费',
    '过户后仍收到原户主账单',
    '线上缴费重复扣款',
    '智能表远程阀门无法打开',
    '低保减免未生效',
    '发票抬头无法修改',
    '预存款退费进度查询',
    '安检记录与实际不符',
  ];
  for (let i = 0; i < esc.length; i++) {
    const agent = `agent${(i % 10) + 1}`;
    const id = await create(agent, {
      type: 'escalation',
      priority: (['urgent', 'high', 'normal', 'normal'] as const)[i % 4],
      category: ['賬務', '業務諮詢', '故障', '政策'][i % 4]!,
      title: esc[i]!,
      description: `客户来电反映：${esc[i]}，坐席已核实户号。`,
    });
    if (i === 7) continue; // stays a draft
    await move(id, agent, 'submit');
    if (i === 6) continue;
    if (i === 5) {
      await move(id, 'expert', 'return_to_agent', '请补充客户户号和账期');
      continue;
    }
    await move(id, 'expert', 'escalate');
    if (i === 4) continue;
    await move(id, 'duty', 'send_to_business', '', { departmentId: i % 2 ? engineering : billing });
    if (i === 3) continue;
    await move(id, i % 2 ? dept2 : dept1, 'feedback', '已核实，按规定处理并回复', {}, 180);
    if (i === 2) continue;
    await move(id, 'duty', 'close', '已回复客户，闭环');
  }
  for (let i = 0; i < 5; i++) {
    const id = await create(`agent${i + 1}`, {
      type: 'complaint',
      priority: i === 0 ? 'high' : 'normal',
      category: ['服務態度', '業務處理', '賬務'][i % 3]!,
      title: `客户投诉：${['坐席态度生硬', '维修人员迟到', '账单未提前通知', '热线长时间无人接听', '重复收费'][i]}`,
      customerId: i < 3 ? 'C-880123' : `C-88${i}456`,
      customerPhone: '1380013' + String(8000 + i),
      callId: `CALL-${20260101 + i}`,
    });
    if (i >= 3) continue;
    await move(id, 'duty', 'accept');
    if (i === 1) await move(id, 'duty', 'resolve', '已致歉并减免上门费');
  }
  const d = await create('agent3', {
    type: 'dispatch',
    priority: 'high',
    category: '報修',
    title: '厨房闻到燃气味',
    customerId: 'C-770001',
    customerPhone: '13900139000',
    dispatch: { address: '徐汇区漕溪北路 88 弄 3 号 502 室', appointmentFrom: clock + 3_600_000, appointmentTo: clock + 7_200_000 },
  });
  await move(d, 'agent3', 'send', '', { departmentId: crew });
  await move(d, crew1, 'accept');
  await move(d, crew1, 'arrive', '', {}, 40);
  await move(d, crew1, 'complete', '更换灶前阀密封圈，检漏合格', {}, 50);
  const d2 = await create('agent4', {
    type: 'dispatch',
    priority: 'normal',
    category: '安裝',
    title: '新房开通燃气',
    customerId: 'C-770002',
    dispatch: { address: '浦东新区张杨路 500 号 1201 室', appointmentFrom: clock + 86_400_000, appointmentTo: clock + 90_000_000 },
  });
  await move(d2, 'agent4', 'send', '', { departmentId: crew });
  const cbs = await db.selectFrom('wo_orders').select('id').where('type', '=', 'callback').execute();
  for (const cb of cbs) {
    await move(cb.id, 'lead1', 'assign', '', { assigneeUserId: u('agent1') });
    const a = await actor('agent1');
    await recordCallback(db, c, cb.id, { outcome: 'no_answer', note: '' }, a.actor, a.departmentIds, tick(30), s);
  }
  await create('agent2', {
    type: 'suggestion',
    priority: 'low',
    category: '系統',
    title: '建议知识库支持按户号查询历史工单',
    description: '坐席查询时需切换多个系统。',
  });
  log(
    `work orders: ${esc.length} escalations, 5 complaints (one repeat complainer), 2 dispatches, callbacks; users dept1, dept2 (business departments), crew1 (field crew) — password ${DEMO_PASSWORD}`,
  );
}

export const kbDemoSeeder: DemoSeeder = {
  name: 'knowledge base and work orders',
  async seed(ctx, org, log) {
    await seedKb(ctx, org, log);
    await seedWorkOrders(ctx, org, log);
  },
};
