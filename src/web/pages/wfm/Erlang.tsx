import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { contract } from '../../../contract/index';
import type { ErlangResult } from '../../../contract/wfm';
import { Chart } from '../../components/Chart';
import { ErrorNote, Page, pct } from '../../components/ui';

const FIELDS = ['calls', 'periodS', 'ahtS', 'targetSl', 'thresholdS', 'patienceS', 'shrinkage'] as const;

export default function Erlang() {
  const { t } = useTranslation();
  const [f, setF] = useState<Record<(typeof FIELDS)[number], string>>({
    calls: '100',
    periodS: '1800',
    ahtS: '180',
    targetSl: '0.8',
    thresholdS: '20',
    patienceS: '',
    shrinkage: '0.3',
  });
  const [res, setRes] = useState<ErlangResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const calc = async () => {
    try {
      // an empty field is left out: the server names a missing required one
      const n = (k: (typeof FIELDS)[number]) => (f[k].trim() === '' ? undefined : Number(f[k]));
      const body = {
        calls: n('calls')!,
        periodS: n('periodS'),
        ahtS: n('ahtS')!,
        targetSl: n('targetSl'),
        thresholdS: n('thresholdS'),
        patienceS: n('patienceS'),
        shrinkage: n('shrinkage'),
      };
      setRes(await call(contract.wfm.erlang, { body }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
      setRes(null);
    }
  };
  const option = useMemo(
    () =>
      res && {
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', name: t('wfm.agents'), data: res.curve.map((p) => p.agents) },
        yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
        series: [
          {
            name: t('wfm.serviceLevel'),
            type: 'line',
            data: res.curve.map((p) => +p.serviceLevel.toFixed(4)),
            markLine: { data: [{ yAxis: Number(f.targetSl), name: t('wfm.target') }] },
          },
          { name: t('wfm.occupancy'), type: 'line', data: res.curve.map((p) => +p.occupancy.toFixed(4)) },
        ],
        legend: {},
      },
    [res, t, f.targetSl],
  );
  return (
    <Page title={t('nav.erlang')}>
      <div className="form-row" data-testid="erlang-form">
        {FIELDS.map((k) => (
          <label key={k}>
            {t(`wfm.${k}`)}
            <input name={k} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} inputMode="decimal" />
          </label>
        ))}
        <button onClick={calc}>{t('wfm.calculate')}</button>
      </div>
      <ErrorNote error={error} />
      {res && (
        <>
          <table data-testid="erlang-result">
            <tbody>
              <tr>
                <th>{t('wfm.agents')}</th>
                <td data-testid="erlang-agents">{res.agents}</td>
              </tr>
              <tr>
                <th>{t('wfm.scheduledHeads')}</th>
                <td>{res.scheduledHeads}</td>
              </tr>
              <tr>
                <th>{t('wfm.serviceLevel')}</th>
                <td>{pct(res.serviceLevel)}</td>
              </tr>
              <tr>
                <th>{t('wfm.asa')}</th>
                <td>{res.asa.toFixed(1)} s</td>
              </tr>
              <tr>
                <th>{t('wfm.occupancy')}</th>
                <td>{pct(res.occupancy)}</td>
              </tr>
              <tr>
                <th>{t('wfm.probWait')}</th>
                <td>{pct(res.probWait)}</td>
              </tr>
              {res.model === 'erlangA' && (
                <tr>
                  <th>{t('wfm.probAbandon')}</th>
                  <td>{pct(res.probAbandon)}</td>
                </tr>
              )}
            </tbody>
          </table>
          <h3>{t('wfm.slVsAgents')}</h3>
          <Chart option={option as any} testId="erlang-chart" />
        </>
      )}
    </Page>
  );
}
