/**
 * The three ways out of the app for a notice (issue 17): e-mail over SMTP (nodemailer), and the group
 * robots of WeCom (企业微信) and DingTalk (钉钉) through their documented webhooks — a JSON text message;
 * DingTalk's "加签" adds `timestamp` and `sign` = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))).
 * Errors say what went wrong without the address's secret part (keys and tokens live in the URL).
 */
import { createHmac } from 'node:crypto';

export class DeliveryError extends Error {
  /** a refusal that will not change on retry (a bad address, a wrong key) */
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

export interface SmtpConfig {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
}

export async function sendEmail(smtp: SmtpConfig, to: string, subject: string, text: string): Promise<void> {
  const { createTransport } = await import('nodemailer');
  const transport = createTransport(smtp.url, { from: smtp.from });
  try {
    await transport.sendMail({ to, subject, text });
  } catch (e) {
    const err = e as { responseCode?: number; code?: string; message: string };
    // 5xx from the server is a refusal of this mail (a bad mailbox); anything else may pass later
    throw new DeliveryError(err.responseCode ? `SMTP ${err.responseCode}` : `SMTP ${err.code ?? 'error'}`, !!err.responseCode && err.responseCode >= 500);
  } finally {
    transport.close();
  }
}

/** DingTalk's signed address: the robot's URL with `timestamp` and `sign` added. */
export function dingtalkSignedUrl(url: string, secret: string, timestamp: number): string {
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
}

/** Posts a text message to a WeCom or DingTalk robot; both answer `{ errcode: 0 }` when it was taken. */
export async function postRobot(channel: 'wecom' | 'dingtalk', url: string, secret: string | null, text: string, now: number): Promise<void> {
  const to = channel === 'dingtalk' && secret ? dingtalkSignedUrl(url, secret, now) : url;
  let res: Response;
  try {
    res = await fetch(to, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ msgtype: 'text', text: { content: text } }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    throw new DeliveryError(`${channel}: ${cause?.code ?? (e as Error).name}`);
  }
  const body = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
  if (!res.ok) throw new DeliveryError(`${channel}: HTTP ${res.status}`, res.status === 404 || res.status === 401 || res.status === 403);
  if (!body || body.errcode !== 0)
    throw new DeliveryError(`${channel}: errcode ${body?.errcode ?? '?'} ${String(body?.errmsg ?? '').slice(0, 100)}`.trim(), true);
}
