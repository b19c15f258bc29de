import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import { NOTICE_ADMINS, NOTICE_READERS, ROBOT_KINDS, type DeliveryWire, type RobotWire } from '../../../contract/notices';
import { ErrorNote, Page, Waiting } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { hasAny, useMe } from '../../session';
import { LOCALE_NAMES } from '../../i18n/types';
import { fmtDateTime } from '../../format';

/** Notices that reach people (issue 17): my channels and deliveries; the center's robots and deliveries for its managers. */
export default function Notices() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('nav.notices')}>
      <MyChannels />
      {hasAny(me, NOTICE_READERS) && <Robots canEdit={hasAny(me, NOTICE_ADMINS)} />}
      {hasAny(me, NOTICE_READERS) && <CenterDeliveries />}
    </Page>
  );
}

/** The stored channels as the form edits them (the DingTalk secret is write-only: the field starts empty). */
const channelsForm = (d: { email?: string | null; wecomUrl?: string | null; dingtalkUrl?: string | null }) => ({
  email: d.email ?? '',
  wecomUrl: d.wecomUrl ?? '',
  dingtalkUrl: d.dingtalkUrl ?? '',
  dingtalkSecret: '',
});

function MyChannels() {
  const { t } = useTranslation();
  const r = useEndpoint(contract.notices.myChannels, {});
  const mine = useEndpoint(contract.notices.myDeliveries, {});
  const act = useAction();
  // the fields wait for the stored channels: an address typed before they arrive would be overwritten
  const [f, setF] = useStoredForm(r.data, channelsForm);
  const [note, setNote] = useState<string | null>(null);
  if (!f)
    return (
      <section className="card">
        <h2>{t('notices.mine')}</h2>
        <Waiting error={r.error} />
      </section>
    );
  const save = () =>
    act.run(async () => {
      setNote(null);
      const stored = await call(contract.notices.setMyChannels, {
        body: { email: f.email, wecomUrl: f.wecomUrl, dingtalkUrl: f.dingtalkUrl, ...(f.dingtalkSecret ? { dingtalkSecret: f.dingtalkSecret } : {}) },
      });
      r.setData(stored);
      setF(channelsForm(stored));
      setNote(t('app.saved'));
    });
  const test = () =>
    act.run(async () => {
      await call(contract.notices.testMine);
      setNote(t('notices.testQueued'));
      setTimeout(() => void mine.reload(), 6000);
    });
  const input = (k: keyof typeof f, type = 'text', placeholder?: string) => (
    <input type={type} value={f[k]} placeholder={placeholder} onChange={(e) => setF({ ...f, [k]: e.target.value })} data-testid={`notice-${k}`} />
  );
  return (
    <section className="card">
      <h2>{t('notices.mine')}</h2>
      <p className="hint">{t('notices.mineHint')}</p>
      <ErrorNote error={act.errorOutside(['email', 'wecomUrl', 'dingtalkUrl', 'dingtalkSecret']) ?? r.error} />
      {note && <div className="ok">{note}</div>}
      <FieldRow>
        <Field label={t('notices.email')} error={act.errorFor('email')}>
          {input('email', 'email')}
        </Field>
        <Field label={t('notices.wecomUrl')} error={act.errorFor('wecomUrl')} wide>
          {input('wecomUrl', 'url')}
        </Field>
        <Field label={t('notices.dingtalkUrl')} error={act.errorFor('dingtalkUrl')} wide>
          {input('dingtalkUrl', 'url')}
        </Field>
        <Field
          label={t('notices.dingtalkSecret')}
          error={act.errorFor('dingtalkSecret')}
          hint={r.data?.hasDingtalkSecret ? t('notices.secretKept') : undefined}
        >
          {input('dingtalkSecret', 'password')}
        </Field>
      </FieldRow>
      <div className="page-actions">
        <button onClick={save} data-testid="notice-save">
          {t('notices.save')}
        </button>
        <button onClick={test} data-testid="notice-test">
          {t('notices.test')}
        </button>
      </div>
      <h3>{t('notices.myDeliveries')}</h3>
      <DeliveryTable rows={mine.data ?? []} />
    </section>
  );
}

const EMPTY_ROBOT = {
  id: undefined as number | undefined,
  channel: 'wecom' as 'wecom' | 'dingtalk',
  name: '',
  url: '',
  secret: '',
  kinds: ['live.alert'] as string[],
  locale: 'zh-CN' as RobotWire['locale'],
  active: true,
};

function Robots({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const list = useEndpoint(contract.notices.robots, {});
  const act = useAction();
  const [f, setF] = useState<typeof EMPTY_ROBOT | null>(null);
  const [editing, setEditing] = useState<RobotWire | null>(null);
  const save = () =>
    act.run(async () => {
      if (!f) return;
      await call(contract.notices.saveRobot, {
        body: {
          ...(f.id !== undefined ? { id: f.id } : {}),
          channel: f.channel,
          name: f.name,
          ...(f.url ? { url: f.url } : {}),
          ...(f.secret ? { secret: f.secret } : {}),
          kinds: f.kinds as (typeof ROBOT_KINDS)[number][],
          locale: f.locale,
          active: f.active,
        },
      });
      setF(null);
      setEditing(null);
      await list.reload();
    });
  const remove = (id: number) =>
    act.run(async () => {
      await call(contract.notices.deleteRobot, { params: { id } });
      await list.reload();
    });
  const test = (id: number) => act.run(() => call(contract.notices.testRobot, { params: { id } }));
  return (
    <section className="card">
      <h2>{t('notices.robots')}</h2>
      <p className="hint">{t('notices.robotsHint')}</p>
      <ErrorNote error={f ? act.errorOutside(['name', 'url', 'secret', 'kinds', 'locale', 'channel']) : (act.error ?? list.error)} />
      <table data-testid="robot-table">
        <thead>
          <tr>
            <th>{t('notices.robotName')}</th>
            <th>{t('notices.channel')}</th>
            <th>{t('notices.kinds')}</th>
            <th>{t('notices.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((r) => (
            <tr key={r.id}>
              <td>
                <span translate="no">{r.name}</span>
              </td>
              <td>{t(`notices.channels.${r.channel}`)}</td>
              <td>{r.kinds.map((k) => t(`notices.kindNames.${k}`, { defaultValue: k })).join('、')}</td>
              <td>{r.active ? '✓' : '—'}</td>
              <td>
                {canEdit && (
                  <>
                    <button
                      onClick={() => {
                        setEditing(r);
                        setF({ id: r.id, channel: r.channel, name: r.name, url: '', secret: '', kinds: r.kinds, locale: r.locale, active: r.active });
                      }}
                    >
                      {t('notices.edit')}
                    </button>
                    <button onClick={() => void test(r.id)}>{t('notices.test')}</button>
                    <button onClick={() => void remove(r.id)}>{t('notices.remove')}</button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && !f && (
        <button onClick={() => setF({ ...EMPTY_ROBOT })} data-testid="robot-add">
          {t('notices.add')}
        </button>
      )}
      {f && (
        <div className="card">
          <FieldRow>
            <Field label={t('notices.robotName')} error={act.errorFor('name')}>
              <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} data-testid="robot-name" />
            </Field>
            <Field label={t('notices.channel')} error={act.errorFor('channel')}>
              <select value={f.channel} onChange={(e) => setF({ ...f, channel: e.target.value as 'wecom' | 'dingtalk' })} data-testid="robot-channel">
                <option value="wecom">{t('notices.channels.wecom')}</option>
                <option value="dingtalk">{t('notices.channels.dingtalk')}</option>
              </select>
            </Field>
            <Field label={t('notices.url')} error={act.errorFor('url')} hint={editing ? t('notices.urlKept', { url: editing.url }) : undefined} wide>
              <input type="url" value={f.url} onChange={(e) => setF({ ...f, url: e.target.value })} data-testid="robot-url" />
            </Field>
            {f.channel === 'dingtalk' && (
              <Field label={t('notices.secret')} error={act.errorFor('secret')} hint={editing?.hasSecret ? t('notices.secretKept') : undefined}>
                <input type="password" value={f.secret} onChange={(e) => setF({ ...f, secret: e.target.value })} data-testid="robot-secret" />
              </Field>
            )}
            <Field label={t('notices.kinds')} error={act.errorFor('kinds')}>
              <span>
                {ROBOT_KINDS.filter((k) => k !== 'notice.test').map((k) => (
                  <label key={k} className="inline">
                    <input
                      type="checkbox"
                      checked={f.kinds.includes(k)}
                      onChange={(e) => setF({ ...f, kinds: e.target.checked ? [...f.kinds, k] : f.kinds.filter((x) => x !== k) })}
                    />
                    {t(`notices.kindNames.${k}`)}
                  </label>
                ))}
              </span>
            </Field>
            <Field label={t('notices.locale')} error={act.errorFor('locale')}>
              <select value={f.locale} onChange={(e) => setF({ ...f, locale: e.target.value as RobotWire['locale'] })}>
                {(['zh-CN', 'zh-TW', 'en'] as const).map((l) => (
                  <option key={l} value={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('notices.active')}>
              <input type="checkbox" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} />
            </Field>
          </FieldRow>
          <div className="page-actions">
            <button onClick={save} data-testid="robot-save">
              {t('notices.save')}
            </button>
            <button
              onClick={() => {
                setF(null);
                setEditing(null);
                act.clear();
              }}
            >
              {t('notices.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function CenterDeliveries() {
  const { t } = useTranslation();
  const r = useEndpoint(contract.notices.centerDeliveries, {});
  return (
    <section className="card">
      <h2>{t('notices.centerDeliveries')}</h2>
      <ErrorNote error={r.error} />
      <DeliveryTable rows={r.data ?? []} />
    </section>
  );
}

function DeliveryTable({ rows }: { rows: DeliveryWire[] }) {
  const { t } = useTranslation();
  if (!rows.length) return <p className="hint">{t('notices.none')}</p>;
  return (
    <div className="table-scroll">
      <table data-testid="delivery-table">
        <thead>
          <tr>
            <th>{t('notices.when')}</th>
            <th>{t('notices.channel')}</th>
            <th>{t('notices.what')}</th>
            <th>{t('notices.status')}</th>
            <th>{t('notices.attempts')}</th>
            <th>{t('notices.error')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} className={d.status === 'failed' ? 'bad' : undefined}>
              <td>{fmtDateTime(d.createdAt)}</td>
              <td>{t(`notices.channels.${d.channel}`)}</td>
              <td>{d.subject}</td>
              <td>{t(`notices.statuses.${d.status}`)}</td>
              <td>{d.attempts}</td>
              <td>
                <span translate="no">{d.lastError ?? ''}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
