import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { EmergencyStaff } from '../../../contract/live';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { applyAlert, floorTopics, type Alert } from './liveData';
import { ThresholdsForm } from './ThresholdsForm';
import { fmtClockSec, fmtDuration } from '../../format';

/** A figure of an alert as said on screen: shares in %, seconds as a duration, counts as they are. */
const fmtFig = (k: string, v: number | null) =>
  v == null ? '—' : /Rate|Share|occupancy|Level/.test(k) ? `${(v * 100).toFixed(1)}%` : /S$/.test(k) ? fmtDuration(v) : String(Math.round(v * 10) / 10);

function AlertRow({ a, canHandle, staff, onError }: { a: Alert; canHandle: boolean; staff: EmergencyStaff[]; onError: (m: string | null) => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [who, setWho] = useState('');
  const act = async (action: 'acknowledge' | 'close') => {
    const sent = note;
    try {
      await call(action === 'acknowledge' ? contract.live.acknowledgeAlert : contract.live.closeAlert, { params: { id: a.id }, body: { note: sent } });
      // the live push can show the change before this answer arrives: a note typed since then is kept
      setNote((n) => (n === sent ? '' : n));
      onError(null);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  const callIn = async () => {
    try {
      await call(contract.live.startCallin, { body: { staffId: Number(who), alertId: a.id } });
      setWho('');
      onError(null);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return (
    <tr data-testid={`alert-${a.id}`} data-kind={a.kind} data-status={a.status}>
      <td>{fmtClockSec(a.raised_at)}</td>
      <td>
        <strong>{t(`live.kind.${a.kind}`)}</strong>
        <div className="hint">{t(`live.suggest.${a.kind}`, { defaultValue: a.action })}</div>
      </td>
      <td>{a.subject === '*' ? t('app.all') : <Raw>{a.subject}</Raw>}</td>
      <td>
        {Object.entries(a.figures ?? {})
          .map(([k, v]) => `${t(`live.fig.${k}`, { defaultValue: k })} ${fmtFig(k, v)}`)
          .join(' · ')}
      </td>
      <td>
        {t(`live.${a.status}`)}
        {a.status !== 'closed' && <div className="hint">{a.cleared_at ? t('live.cleared') : t('live.active')}</div>}
        {a.ack_note && <div className="hint">✓ {a.ack_note}</div>}
        {a.close_note && <div className="hint">✕ {a.close_note}</div>}
      </td>
      <td>
        {canHandle && a.status !== 'closed' && (
          <div className="form-row">
            <input aria-label={t('live.note')} placeholder={t('live.note')} value={note} onChange={(e) => setNote(e.target.value)} />
            {a.status === 'open' && (
              <button onClick={() => act('acknowledge')} disabled={!note.trim()}>
                {t('live.acknowledge')}
              </button>
            )}
            <button className="secondary" onClick={() => act('close')} disabled={!note.trim()}>
              {t('live.close')}
            </button>
          </div>
        )}
        {canHandle && a.status !== 'closed' && a.kind === 'understaffed' && staff.length > 0 && (
          <div className="form-row">
            <select aria-label={t('live.callInFrom')} value={who} onChange={(e) => setWho(e.target.value)}>
              <option value="">{t('live.callInFrom')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} · {t(`live.position.${s.position}`)}
                </option>
              ))}
            </select>
            <button onClick={callIn} disabled={!who}>
              {t('live.callIn')}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

export default function Alerts() {
  const { t } = useTranslation();
  const me = useMe();
  const canHandle = hasAny(me, ['center_manager', 'duty_manager']);
  const [status, setStatus] = useState<'active' | 'closed' | ''>('active');
  const [list, setList] = useState<Alert[]>([]);
  const [error, setError] = useState<string | null>(null);
  const staff = useEndpoint(contract.live.emergencyStaff, canHandle ? {} : null);
  useEffect(() => {
    let alive = true;
    const query = status ? { status } : {};
    void call(contract.live.alerts, { query }).then((l) => alive && setList(l));
    const close = subscribe(
      floorTopics(me).filter((x) => x.startsWith('alerts')),
      (e) => {
        if (status === 'closed' || (e.kind !== 'alerts' && e.kind !== 'teamAlerts')) return;
        setList((l) => (status === 'active' ? applyAlert(l, e.data.change, e.data.alert) : applyAlert(l, 'updated', e.data.alert)));
      },
    );
    return () => {
      alive = false;
      close();
    };
  }, [me, status]);
  return (
    <Page
      title={t('nav.alerts')}
      actions={
        <select aria-label={t('live.status')} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="active">{t('live.active')}</option>
          <option value="closed">{t('live.closed')}</option>
          <option value="">{t('app.all')}</option>
        </select>
      }
    >
      <ErrorNote error={error} />
      <table data-testid="alerts-table">
        <thead>
          <tr>
            <th>{t('live.raisedAt')}</th>
            <th>{t('live.action')}</th>
            <th>{t('live.subject')}</th>
            <th>{t('live.figures')}</th>
            <th>{t('live.status')}</th>
            <th>{t('app.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <AlertRow key={a.id} a={a} canHandle={canHandle} staff={(staff.data ?? []).filter((s) => s.active)} onError={setError} />
          ))}
        </tbody>
      </table>
      <details className="card">
        <summary>{t('live.thresholds')}</summary>
        <ThresholdsForm canEdit={hasAny(me, ['admin', 'center_manager', 'duty_manager'])} />
      </details>
    </Page>
  );
}
