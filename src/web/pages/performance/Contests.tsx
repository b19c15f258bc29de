import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { KpiDefinitionWire } from '../../../contract/performance';
import { KPI_KEYS, type KpiKey } from '../../../core/performance/kpi';
import { Chart } from '../../components/Chart';
import { ErrorNote, Page, IdMultiSelect } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { CampGaps, fmtTotal, KpiValue } from './shared';

/** Team contests with a leaderboard; the newcomer camp below. */
export default function Contests() {
  const { t } = useTranslation();
  const me = useMe();
  const isManager = hasAny(me, ['admin', 'center_manager']);
  const list = useEndpoint(contract.performance.contests, {});
  const teams = useEndpoint(contract.platform.teams, isManager ? {} : null);
  const kpis = useEndpoint(contract.performance.kpis, {});
  const camp = useEndpoint(contract.performance.camp, {});
  const [openId, setOpenId] = useState<number | null>(null);
  const [f, setF] = useState({ name: '', from: '', to: '', teamIds: [] as number[], key: 'answerRate' as KpiKey, target: '0.865' });
  const { error, run } = useAction();
  const current = openId ?? list.data?.[0]?.id ?? null;
  return (
    <Page title={t('nav.contests')}>
      {isManager && (
        <fieldset className="form-grid">
          <legend>{t('perf.contests.new')}</legend>
          <label>
            {t('perf.contests.name')}
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
          </label>
          <label>
            {t('qa.from')}
            <input type="date" value={f.from} onChange={(e) => setF({ ...f, from: e.target.value })} />
          </label>
          <label>
            {t('qa.to')}
            <input type="date" value={f.to} onChange={(e) => setF({ ...f, to: e.target.value })} />
          </label>
          <label>
            {t('perf.contests.teams')}
            <IdMultiSelect
              ids={f.teamIds}
              options={(teams.data ?? []).map((tm) => ({ id: tm.id, label: tm.name }))}
              onChange={(teamIds) => setF({ ...f, teamIds })}
            />
          </label>
          <label>
            {t('perf.contests.kpi')}
            <select value={f.key} onChange={(e) => setF({ ...f, key: KPI_KEYS.find((k) => k === e.target.value) ?? f.key })}>
              {(kpis.data ?? [])
                .filter((k) => k.usage !== 'pay')
                .map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.label}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('perf.target')}
            <input value={f.target} onChange={(e) => setF({ ...f, target: e.target.value })} />
          </label>
          <button
            onClick={() =>
              run(async () => {
                setOpenId(
                  (
                    await call(contract.performance.createContest, {
                      body: { name: f.name, from: f.from, to: f.to, teamIds: f.teamIds, kpis: [{ key: f.key, weight: 1, target: Number(f.target) }] },
                    })
                  ).id,
                );
                await list.reload();
              })
            }
          >
            {t('app.create')}
          </button>
        </fieldset>
      )}
      <ErrorNote error={error ?? list.error} />
      <div className="form-row">
        {(list.data ?? []).map((c) => (
          <button key={c.id} className={c.id === current ? '' : 'secondary'} data-opens="contest" onClick={() => setOpenId(c.id)}>
            {c.name} ({c.from} – {c.to})
          </button>
        ))}
      </div>
      {current && kpis.data && <Board key={current} id={current} kpis={kpis.data} />}
      {camp.data && camp.data.agents.length > 0 && (
        <>
          <h2>{t('perf.camp.title')}</h2>
          <table data-testid="camp-table">
            <thead>
              <tr>
                <th>{t('qa.agent')}</th>
                <th>{t('perf.camp.weeks')}</th>
                <th>{t('perf.camp.rank')}</th>
                <th>{t('perf.camp.next')}</th>
              </tr>
            </thead>
            <tbody>
              {camp.data.agents.map((a) => (
                <tr key={a.agentId}>
                  <td>
                    {a.employeeNo} {a.name}
                  </td>
                  <td>{a.weeks}</td>
                  <td>{a.title ?? '—'}</td>
                  <td className="hint">
                    {a.next && (
                      <>
                        {a.next.title}: <CampGaps gaps={a.next.gaps} kpis={kpis.data ?? []} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}

function Board({ id, kpis }: { id: number; kpis: readonly KpiDefinitionWire[] }) {
  const { t } = useTranslation();
  const r = useEndpoint(contract.performance.contest, { params: { id } });
  if (!r.data) return <ErrorNote error={r.error} />;
  const { contest, board } = r.data;
  const label = (k: string) => kpis.find((x) => x.key === k)?.label ?? t(`facts.figures.${k}`);
  const unit = (k: string) => kpis.find((x) => x.key === k)?.unit;
  return (
    <div className="card" data-testid="leaderboard">
      <h2>
        {contest.name} · {t('perf.contests.leaderboard')}
      </h2>
      <Chart
        height={240}
        option={{
          tooltip: {},
          xAxis: { type: 'category', data: board.map((b) => b.teamName) },
          yAxis: { type: 'value' },
          series: [{ type: 'bar', data: board.map((b) => fmtTotal(b.total)), label: { show: true, position: 'top' } }],
        }}
      />
      <table>
        <thead>
          <tr>
            <th>{t('perf.contests.rank')}</th>
            <th>{t('people.team')}</th>
            <th>{t('perf.total')}</th>
            {contest.kpis.map((k) => (
              <th key={k.key}>
                {label(k.key)} ({t('perf.target')} <KpiValue value={k.target} unit={unit(k.key)} />)
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.map((b) => (
            <tr key={b.teamId}>
              <td>{b.rank ?? '—'}</td>
              <td>{b.teamName}</td>
              <td>{fmtTotal(b.total) ?? <span className="missing">{t('app.missing')}</span>}</td>
              {b.kpis.map((k) => (
                <td key={k.key} className={k.met === false ? 'bad' : ''}>
                  <KpiValue value={k.value} unit={unit(k.key)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
