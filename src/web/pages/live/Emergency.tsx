import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { POSITIONS } from '../../../contract/live';
import { ErrorNote, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { fmtClockSec, centerToday } from '../../format';
import EmergencyLevels from './EmergencyLevels';

/** a day in the center's zone (records are filed under the center's day) */
const day = (ts: number) => centerToday(ts);

export default function Emergency() {
  const { t } = useTranslation();
  const me = useMe();
  const canCall = hasAny(me, ['center_manager', 'duty_manager']);
  const staff = useEndpoint(contract.live.emergencyStaff, {});
  const callins = useEndpoint(contract.live.callins, {});
  const [from, setFrom] = useState(day(Date.now() - 30 * 86_400_000));
  const [to, setTo] = useState(day(Date.now()));
  const report = useEndpoint(contract.live.emergencyReport, { query: { from, to } });
  const [form, setForm] = useState<{ name: string; position: (typeof POSITIONS)[number]; extCode: string }>({ name: '', position: 'qa', extCode: '' });
  const [rate, setRate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(null);
      await Promise.all([staff.reload(), callins.reload(), report.reload()]);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const onPhones = new Set((callins.data ?? []).map((c) => c.staff_id));
  return (
    <Page title={t('nav.emergency')}>
      <ErrorNote error={error ?? staff.error} />
      <h3>{t('live.staff')}</h3>
      <div className="form-row" data-testid="staff-form">
        <input
          name="name"
          aria-label={t('live.name')}
          placeholder={t('live.name')}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <select
          name="position"
          aria-label={t('people.roles')}
          value={form.position}
          onChange={(e) => setForm({ ...form, position: e.target.value as (typeof POSITIONS)[number] })}
        >
          {POSITIONS.map((p) => (
            <option key={p} value={p}>
              {t(`live.position.${p}`)}
            </option>
          ))}
        </select>
        <input
          name="extCode"
          aria-label={t('live.extCode')}
          placeholder={t('live.extCode')}
          value={form.extCode}
          onChange={(e) => setForm({ ...form, extCode: e.target.value })}
        />
        <button onClick={() => run(() => call(contract.live.addEmergencyStaff, { body: form }).then(() => setForm({ name: '', position: 'qa', extCode: '' })))}>
          {t('live.addStaff')}
        </button>
      </div>
      <table data-testid="staff-table">
        <thead>
          <tr>
            <th>{t('live.name')}</th>
            <th>{t('people.roles')}</th>
            <th>{t('live.extCode')}</th>
            <th>{t('app.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(staff.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{t(`live.position.${s.position}`)}</td>
              <td>{s.ext_code}</td>
              <td>
                {canCall && !onPhones.has(s.id) && s.active ? (
                  <button onClick={() => run(() => call(contract.live.startCallin, { body: { staffId: s.id } }))}>{t('live.callIn')}</button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('live.onPhones')}</h3>
      <table data-testid="callins-table">
        <thead>
          <tr>
            <th>{t('live.name')}</th>
            <th>{t('live.start')}</th>
            <th>{t('live.calls')}</th>
            <th>{t('app.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(callins.data ?? []).map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{fmtClockSec(c.started_at)}</td>
              <td>{c.calls}</td>
              <td>{canCall && <button onClick={() => run(() => call(contract.live.endCallin, { params: { id: c.id } }))}>{t('live.end')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <EmergencyLevels staff={staff.data ?? []} />
      <h3>{t('live.report')}</h3>
      <div className="form-row">
        <label>
          {t('live.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('live.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <span>
          {t('live.pieceRate')}: {report.data?.rate ?? '—'}
        </span>
        {hasAny(me, ['admin', 'center_manager']) && (
          <>
            <input aria-label={t('live.pieceRate')} value={rate} onChange={(e) => setRate(e.target.value)} size={6} />
            <button onClick={() => run(() => call(contract.live.setPieceRate, { body: { rate: Number(rate) } }))} disabled={!rate}>
              {t('app.save')}
            </button>
          </>
        )}
      </div>
      <table data-testid="report-table">
        <thead>
          <tr>
            <th>{t('live.name')}</th>
            <th>{t('people.roles')}</th>
            <th>{t('live.callins')}</th>
            <th>{t('live.calls')}</th>
            <th>{t('live.pay')}</th>
          </tr>
        </thead>
        <tbody>
          {(report.data?.people ?? []).map((p) => (
            <tr key={p.staffId}>
              <td>{p.name}</td>
              <td>{t(`live.position.${p.position}`)}</td>
              <td>{p.callins}</td>
              <td>{p.calls}</td>
              <td>{p.pay}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
