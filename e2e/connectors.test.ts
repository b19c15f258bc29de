import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startHarness, signInUi, signOutUi } from './harness';
import { acceptEvents } from '../src/server/eventFeed';
import { AMI_BANNER, amiMsg } from '../src/ingest/connectors/transcripts';

/** A minimal AMI server: banner, accepts the login, answers every action Success and records it. */
async function fakeAmi() {
  const actions: string[] = [];
  const socks: net.Socket[] = [];
  const server = net.createServer((sock) => {
    socks.push(sock);
    sock.on('error', () => {});
    sock.write(AMI_BANNER);
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\r\n\r\n')) >= 0) {
        const msg = buf.slice(0, i);
        buf = buf.slice(i + 4);
        const id = /ActionID: (.*)/.exec(msg)?.[1] ?? '';
        if (!msg.startsWith('Action: Login')) actions.push(msg);
        sock.write(amiMsg({ Response: 'Success', ActionID: id, Message: 'ok' }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    actions,
    close: () => {
      for (const s of socks) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

test('admin configures the AMI connector (secret write-only); the duty manager pauses an agent from the wallboard and the PBX receives QueuePause', async () => {
  const h = await startHarness();
  const { page, url, ctx } = h;
  const ami = await fakeAmi();
  try {
    await signInUi(page, url, 'admin');
    await page.click('a[data-nav="/live/connectors"]');
    const box = page.locator('[data-testid=conn-ami]');
    await box.locator('input[type=checkbox]').check();
    await box.getByLabel('主机').fill('127.0.0.1');
    await box.getByLabel('端口').fill(String(ami.port));
    await box.getByLabel('用户名').fill('callfloor');
    await box.getByLabel('密码 / 密钥').fill('s3cret-ami');
    await box.getByRole('button', { name: '保存' }).click();
    await box.locator('text=已保存').waitFor();
    // the secret is not shown back: the field is empty, its placeholder says one is set
    assert.equal(await box.getByLabel('密码 / 密钥').inputValue(), '');
    assert.equal(await box.getByLabel('密码 / 密钥').getAttribute('placeholder'), '已设置（留空保留）');
    await page.waitForSelector('[data-testid=connector-status] >> text=已连接', { timeout: 15_000 }).catch(async () => {
      await page.reload();
      await page.waitForSelector('[data-testid=connector-status] >> text=已连接');
    });
    await signOutUi(page);

    await acceptEvents(ctx, [{ id: 'e2e-l1', ts: Date.now(), type: 'agent.login', agent: 'A001' }]);
    await signInUi(page, url, 'duty_manager');
    await page.click('a[data-nav="/live/wallboard"]');
    await page.waitForSelector('[data-testid=tile-A001][data-state=ready]');
    const acts = page.locator('[data-testid=actions-A001]');
    await acts.getByRole('button', { name: '操作' }).click();
    await acts.getByLabel('原因').selectOption('meal');
    await acts.getByRole('button', { name: '置忙' }).click();
    await acts.locator('text=已发送').waitFor();
    const pause = ami.actions.find((a) => a.startsWith('Action: QueuePause'))!;
    assert.match(pause, /Interface: PJSIP\/A001\r\n/);
    assert.match(pause, /Paused: true\r\n/);
    assert.match(pause, /Reason: meal/);
  } finally {
    await ami.close();
    await h.close();
  }
});
