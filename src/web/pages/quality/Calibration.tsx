import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { Chart } from '../../components/Chart';
import { ErrorNote, Page, IdMultiSelect, Raw } from '../../components/ui';
import { useMe } from '../../session';
import { EvaluationForm, fmtScore, itemLabel } from './shared';

/** Calibration sessions: blind scoring, then the spread per item and who deviates. */
export default function Calibration() {
  const { t } = useTranslation();
  const list = useEndpoint(contract.quality.calibrations, {});
  const templates = useEndpoint(contract.quality.templates, { query: { active: true } });
  const evaluators = useEndpoint(contract.quality.evaluators, {});
  const [form, setForm] = useState({ title: '', callId: '', templateId: '', evaluatorIds: [] as number[] });
  const [openId, setOpenId] = useState<number | null>(null);
  const { error, run } = useAction();
  return (
    <Page title={t('nav.qaCalibration')}>
      <fieldset className="form-grid">
        <legend>{t('qa.calibration.new')}</legend>
        <label>
          {t('qa.calibration.title')}
          <input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </label>
        <label>
          {t('qa.calibration.callId')}
          <input value={form.callId} onChange={(e) => setForm({ ...form, callId: e.target.value })} />
        </label>
        <label>
          {t('qa.template')}
          <select value={form.templateId} onChange={(e) => setForm({ ...form, templateId: e.target.value })}>
            <option value="" />
            {(templates.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.template.name} v{x.version}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('qa.evaluators')}
          <IdMultiSelect
            ids={form.evaluatorIds}
            options={(evaluators.data ?? []).map((u) => ({ id: u.id, label: u.display_name }))}
            onChange={(evaluatorIds) => setForm({ ...form, evaluatorIds })}
          />
        </label>
        <button
          onClick={() =>
            run(async () => {
              setOpenId((await call(contract.quality.createCalibration, { body: { ...form, templateId: Number(form.templateId) } })).id);
              await list.reload();
            })
          }
        >
          {t('app.create')}
        </button>
      </fieldset>
      <ErrorNote error={error ?? list.error} />
      <table>
        <thead>
          <tr>
            <th>{t('qa.calibration.title')}</th>
            <th>{t('qa.call')}</th>
            <th>{t('qa.state')}</th>
            <th>{t('qa.calibration.submitted')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>{s.title}</td>
              <td>
                <Raw className="mono">{s.call_id}</Raw>
              </td>
              <td>{t(`qa.states.${s.state}`)}</td>
              <td>
                {s.submitted} / {s.evaluator_ids.length}
              </td>
              <td>
                <button className="secondary" data-opens="calibration" onClick={() => setOpenId(s.id)}>
                  {t('qa.details')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(openId ?? list.data?.[0]?.id) && <Session key={openId ?? list.data![0].id} id={openId ?? list.data![0].id} onChange={() => list.reload()} />}
    </Page>
  );
}

function Session({ id, onChange }: { id: number; onChange: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const s = useEndpoint(contract.quality.calibration, { params: { id } });
  const { error, run } = useAction();
  const d = s.data;
  if (!d) return <ErrorNote error={s.error} />;
  const mine = d.evaluators.find((e) => e.id === me.id);
  const name = (evaluatorId: string) => d.evaluators.find((e) => String(e.id) === evaluatorId)?.name ?? evaluatorId;
  return (
    <div className="card" data-testid="calibration-session">
      <h2>{d.title}</h2>
      <p>
        {d.evaluators.map((e) => (
          <span key={e.id} className="badge" style={{ marginRight: 6 }}>
            {e.name}: {e.submitted ? t('qa.calibration.submitted') : t('qa.calibration.waiting')}
          </span>
        ))}
      </p>
      {d.state === 'open' && (
        <>
          <p className="hint">{t('qa.calibration.blind')}</p>
          {mine && !mine.submitted && (
            <EvaluationForm
              template={d.template}
              onSubmit={async (answers, comment, timeSpentS) => {
                await call(contract.quality.evaluate, {
                  body: { callId: d.callId, templateId: d.templateId, answers, comment, timeSpentS, calibrationId: d.id },
                });
                await s.reload();
                onChange();
              }}
            />
          )}
          {d.own && (
            <p>
              {t('qa.calibration.yourScore')}: {fmtScore(d.own.result.score)}
            </p>
          )}
          <button
            onClick={() =>
              run(async () => {
                await call(contract.quality.closeCalibration, { params: { id } });
                await s.reload();
                onChange();
              })
            }
          >
            {t('qa.calibration.close')}
          </button>
        </>
      )}
      <ErrorNote error={error} />
      {d.report && (
        <>
          <Chart
            height={220}
            option={{
              tooltip: {},
              xAxis: { type: 'category', data: d.report.byEvaluator.map((e) => name(e.evaluatorId)) },
              yAxis: { type: 'value', min: 0, max: 100 },
              series: [{ type: 'bar', data: d.report.byEvaluator.map((e) => ({ value: e.score, itemStyle: { color: e.deviates ? '#dc2626' : '#2563eb' } })) }],
            }}
          />
          <table>
            <thead>
              <tr>
                <th>{t('qa.evaluator')}</th>
                <th>{t('qa.score')}</th>
                <th>{t('qa.calibration.deviation')}</th>
              </tr>
            </thead>
            <tbody>
              {d.report.byEvaluator.map((e) => (
                <tr key={e.evaluatorId} className={e.deviates ? 'bad' : ''}>
                  <td>{name(e.evaluatorId)}</td>
                  <td>{fmtScore(e.score)}</td>
                  <td>
                    {fmtScore(e.deviation)} {e.deviates && <span className="badge">{t('qa.calibration.deviates')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('qa.calibration.spread')}</h3>
          <table data-testid="calibration-spread">
            <thead>
              <tr>
                <th>{t('qa.item')}</th>
                <th>{t('qa.calibration.min')}</th>
                <th>{t('qa.calibration.max')}</th>
                <th>{t('qa.calibration.median')}</th>
                <th>{t('qa.calibration.stddev')}</th>
                <th>{t('qa.calibration.deviates')}</th>
                <th>{t('qa.calibration.naMismatch')}</th>
              </tr>
            </thead>
            <tbody>
              {d.report.items.map((i) => (
                <tr key={i.itemId}>
                  <td>{itemLabel(d.template, i.itemId)}</td>
                  <td>{fmtScore(i.spread.min)}</td>
                  <td>{fmtScore(i.spread.max)}</td>
                  <td>{fmtScore(i.spread.median)}</td>
                  <td>{fmtScore(i.spread.stddev)}</td>
                  <td className="bad">
                    {i.byEvaluator
                      .filter((e) => e.deviates)
                      .map((e) => name(e.evaluatorId))
                      .join(', ')}
                  </td>
                  <td>{i.naMismatch.map(name).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
