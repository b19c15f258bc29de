import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Figure, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { centerToday } from '../../format';

const fmt = (kind: string) => (v: number) => (kind === 'item' ? `${(v * 100).toFixed(1)}%` : String(Math.round(v * 1000) / 1000));

/** Coaching sessions: from a failed item or a KPI gap, with goals, a follow-up date and before/after. */
export default function Coaching() {
  const { t } = useTranslation();
  const me = useMe();
  const canCoach = hasAny(me, ['team_lead', 'qa', 'center_manager']);
  const list = useEndpoint(contract.quality.coaching, {});
  // agents and KPI definitions are not in the typed contract yet (platform, performance): only these fields are read
  const agents = useEndpoint(contract.platform.agents, canCoach ? { query: { status: 'active' } } : null);
  const kpis = useEndpoint(contract.performance.kpis, {});
  const thisMonth = centerToday().slice(0, 7);
  const [f, setF] = useState({
    kind: 'correction' as 'correction' | 'praise',
    agentIds: [] as number[],
    sourceKind: 'item' as 'item' | 'kpi',
    sourceKey: '',
    month: thisMonth,
    goals: '',
    notes: '',
    followUpDate: '',
  });
  const { error, run } = useAction();
  return (
    <Page title={t('nav.qaCoaching')}>
      {canCoach && (
        <fieldset className="form-grid" data-testid="coaching-form">
          <legend>{t('qa.coaching.new')}</legend>
          <label>
            {t('qa.coaching.kind')}
            <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value === 'praise' ? 'praise' : 'correction' })}>
              <option value="correction">{t('qa.coaching.correction')}</option>
              <option value="praise">{t('qa.coaching.praise')}</option>
            </select>
          </label>
          <label>
            {t('qa.coaching.agents')}
            <select
              multiple={f.kind === 'praise'}
              value={f.kind === 'praise' ? f.agentIds.map(String) : String(f.agentIds[0] ?? '')}
              onChange={(e) => setF({ ...f, agentIds: [...e.target.selectedOptions].map((o) => Number(o.value)).filter(Boolean) })}
            >
              {f.kind !== 'praise' && <option value="" />}
              {(agents.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.employee_no} {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('qa.coaching.source')}
            <select value={f.sourceKind} onChange={(e) => setF({ ...f, sourceKind: e.target.value === 'kpi' ? 'kpi' : 'item', sourceKey: '' })}>
              <option value="item">{t('qa.coaching.sourceItem')}</option>
              <option value="kpi">{t('qa.coaching.sourceKpi')}</option>
            </select>
          </label>
          <label>
            {t('qa.coaching.key')}
            {f.sourceKind === 'kpi' ? (
              <select value={f.sourceKey} onChange={(e) => setF({ ...f, sourceKey: e.target.value })}>
                <option value="" />
                {(kpis.data ?? []).map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.label}
                  </option>
                ))}
              </select>
            ) : (
              <input value={f.sourceKey} placeholder={t('qa.coaching.itemKeyHint')} onChange={(e) => setF({ ...f, sourceKey: e.target.value })} />
            )}
          </label>
          <label>
            {t('perf.month')}
            <input type="month" value={f.month} onChange={(e) => setF({ ...f, month: e.target.value })} />
          </label>
          <label>
            {t('qa.coaching.followUpDate')}
            <input type="date" value={f.followUpDate} onChange={(e) => setF({ ...f, followUpDate: e.target.value })} />
          </label>
          <label>
            {t('qa.coaching.goals')}
            <textarea value={f.goals} onChange={(e) => setF({ ...f, goals: e.target.value })} />
          </label>
          <label>
            {t('qa.coaching.notes')}
            <textarea value={f.notes} onChange={(e) => setF({ ...f, notes: e.target.value })} />
          </label>
          <button
            onClick={() =>
              run(async () => {
                await call(contract.quality.createCoaching, { body: f });
                await list.reload();
              })
            }
          >
            {t('app.create')}
          </button>
        </fieldset>
      )}
      <ErrorNote error={error ?? list.error} />
      <table data-testid="coaching-table">
        <thead>
          <tr>
            <th>{t('qa.coaching.kind')}</th>
            <th>{t('qa.coaching.agents')}</th>
            <th>{t('qa.coaching.key')}</th>
            <th>{t('qa.coaching.goals')}</th>
            <th>{t('qa.coaching.followUpDate')}</th>
            <th>{t('qa.coaching.before')}</th>
            <th>{t('qa.coaching.after')}</th>
            <th>{t('qa.coaching.coach')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((c) => (
            <tr key={c.id}>
              <td>{t(`qa.coaching.${c.kind}`)}</td>
              <td>{c.agents.map((a) => a.name).join('、')}</td>
              <td>
                {/* a KPI by its name; a scorecard item by its key, as the scorecard writes it */}
                {c.source_kind === 'kpi' ? (
                  ((kpis.data ?? []).find((k) => k.key === c.source_key)?.label ?? t(`facts.figures.${c.source_key}`, { defaultValue: c.source_key }))
                ) : (
                  <code>{c.source_key}</code>
                )}
              </td>
              <td>{c.goals}</td>
              <td>{c.follow_up_date}</td>
              <td>
                <Figure value={c.baseline.value} format={fmt(c.source_kind)} />
              </td>
              <td>{c.follow_up ? <Figure value={c.follow_up.after} format={fmt(c.source_kind)} /> : '—'}</td>
              <td>{c.coach_name}</td>
              <td>
                {canCoach && c.state === 'open' && (
                  <button
                    className="secondary"
                    onClick={() =>
                      run(async () => {
                        await call(contract.quality.followUpCoaching, { params: { id: c.id }, body: { note: '' } });
                        await list.reload();
                      })
                    }
                  >
                    {t('qa.coaching.followUp')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
