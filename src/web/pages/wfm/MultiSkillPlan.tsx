/**
 * The planner's multi-skill plan of the week (issue 15): pick one forecast per queue, a service-level target, and
 * the server staffs the skill groups by simulation, schedules each group, trims the week to the targets and
 * simulates it, as a schedule run in the background (the page above follows it: progress, then the draft to
 * publish). Shown here from the run: how far it is, then the service level per queue from the simulation beside
 * each queue's Erlang C agent-hours alone (the single-skill reference), and what each skill group was asked for and got.
 * Beside each queue's simulated service level, the one of its validation: the trimmed week simulated on other weeks
 * of callers, which the trimming did not choose shifts on (a plan stored before the check shows '—').
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction } from '../../hooks';
import { contract } from '../../../contract/index';
import type { MultiSkillSummaryWire, RunView } from '../../../contract/wfm';
import { VALIDATION_WEEKS } from '../../../core/wfm/multiSkill/trimWeeks';
import { Chart } from '../../components/Chart';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, pct } from '../../components/ui';

const FIELDS = ['forecastIds', 'slTarget', 'thresholdS', 'timeLimitS'];
/** A service level more than 2 points under its target is shown as missed. */
const below = (sl: number | null | undefined, target: number) => sl != null && sl < target - 0.02;

interface ForecastOption {
  id: number;
  queue: string;
}

export function MultiSkillPlan({
  week,
  forecasts,
  run,
  onStarted,
}: {
  week: string;
  forecasts: ForecastOption[];
  /** the run the page shows (this plan's once started) */
  run: RunView | null;
  onStarted: (runId: number) => void;
}) {
  const { t } = useTranslation();
  const act = useAction();
  const [picked, setPicked] = useState<number[]>([]);
  const [form, setForm] = useState({ slTarget: '0.8', thresholdS: '20', timeLimitS: '10' });
  const [busy, setBusy] = useState(false);
  const result = run?.run.summary?.multiSkill ?? null;
  const progress = run?.run.status === 'running' && run.run.progress.total ? run.run.progress : null;
  const toggle = (id: number) => setPicked((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : [...xs, id]));
  const hours = (h: number) => h.toLocaleString(undefined, { maximumFractionDigits: 0 });
  const plan = async () => {
    setBusy(true);
    await act.run(async () => {
      const r = await call(contract.wfm.multiSkillPlan, {
        body: {
          weekStart: week,
          forecastIds: picked,
          slTarget: Number(form.slTarget),
          thresholdS: Number(form.thresholdS),
          timeLimitS: Number(form.timeLimitS),
        },
      });
      onStarted(r.id);
    });
    setBusy(false);
  };
  return (
    <section data-testid="multi-skill">
      <h3>{t('wfm.multiSkill.title')}</h3>
      <p className="muted">{t('wfm.multiSkill.explain')}</p>
      <ErrorNote error={act.errorOutside(FIELDS)} />
      <FieldRow>
        <Field label={t('wfm.multiSkill.forecasts')} error={act.errorFor('forecastIds')} wide>
          <span className="checks">
            {forecasts.map((f) => (
              <label key={f.id}>
                <input type="checkbox" name={`msForecast${f.id}`} checked={picked.includes(f.id)} onChange={() => toggle(f.id)} />
                <span translate="no">
                  #{f.id} {f.queue}
                </span>
              </label>
            ))}
          </span>
        </Field>
        <Field label={t('wfm.targetSl')} error={act.errorFor('slTarget')}>
          <input name="msSlTarget" inputMode="decimal" size={5} value={form.slTarget} onChange={(e) => setForm({ ...form, slTarget: e.target.value })} />
        </Field>
        <Field label={t('wfm.thresholdS')} error={act.errorFor('thresholdS')}>
          <input name="msThresholdS" inputMode="numeric" size={5} value={form.thresholdS} onChange={(e) => setForm({ ...form, thresholdS: e.target.value })} />
        </Field>
        <Field label={t('wfm.timeLimit')} error={act.errorFor('timeLimitS')}>
          <input name="msTimeLimit" inputMode="numeric" size={5} value={form.timeLimitS} onChange={(e) => setForm({ ...form, timeLimitS: e.target.value })} />
        </Field>
      </FieldRow>
      <div className="form-row">
        <button data-testid="multi-skill-plan" disabled={!picked.length || busy} onClick={() => void plan()}>
          {busy ? t('wfm.multiSkill.planning') : t('wfm.multiSkill.plan')}
        </button>
      </div>
      {progress && (
        <p data-testid="multi-skill-progress">
          {t(`wfm.multiSkill.phase_${progress.phase}`, { defaultValue: progress.phase })} {progress.done} / {progress.total}{' '}
          <progress max={progress.total} value={progress.done} />
        </p>
      )}
      {result && (
        <>
          <div className="table-scroll">
            <table data-testid="multi-skill-queues">
              <thead>
                <tr>
                  <th>{t('wfm.multiSkill.queue')}</th>
                  <th>{t('wfm.multiSkill.target')}</th>
                  <th>{t('wfm.multiSkill.simulatedSl')}</th>
                  <th>{t('wfm.multiSkill.validationSl', { n: VALIDATION_WEEKS })}</th>
                  <th>{t('wfm.multiSkill.beforeTrim')}</th>
                  <th>{t('wfm.multiSkill.asa')}</th>
                  <th>{t('wfm.multiSkill.abandon')}</th>
                  <th>{t('wfm.multiSkill.erlangHours')}</th>
                </tr>
              </thead>
              <tbody>
                {result.queues.map((q) => (
                  <tr key={q.queue}>
                    <td translate="no">{q.queue}</td>
                    <td>{pct(q.slTarget)}</td>
                    <td className={below(q.serviceLevel, q.slTarget) ? 'bad' : undefined}>{pct(q.serviceLevel)}</td>
                    <td data-testid="multi-skill-validation" className={below(q.serviceLevelValidation, q.slTarget) ? 'bad' : undefined}>
                      {q.serviceLevelValidation == null ? '—' : pct(q.serviceLevelValidation)}
                    </td>
                    <td>{pct(q.serviceLevelBeforeTrim)}</td>
                    <td>{t('wfm.multiSkill.seconds', { n: Math.round(q.asa) })}</td>
                    <td>{pct(q.abandonRate)}</td>
                    <td>{hours(q.erlangAgentHours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.queues.some((q) => q.serviceLevelValidation != null) && (
            <>
              <p className="hint" data-testid="multi-skill-validation-words">
                {t('wfm.multiSkill.validationWords', { n: VALIDATION_WEEKS })}{' '}
                {result.queues
                  .filter((q) => q.serviceLevelValidation != null)
                  .map((q, i) => (
                    <span key={q.queue}>
                      {i > 0 && t('wfm.multiSkill.listSeparator')}
                      <span translate="no">{q.queue}</span>{' '}
                      {t('wfm.multiSkill.validationOf', { sim: pct(q.serviceLevel), check: pct(q.serviceLevelValidation!) })}
                    </span>
                  ))}
              </p>
              <SlChart queues={result.queues} />
            </>
          )}
          <p data-testid="multi-skill-hours">
            {t('wfm.multiSkill.hours', {
              mix: hours(result.scheduledAgentHours),
              alone: hours(result.erlangAgentHours),
              ratio: result.erlangAgentHours > 0 ? (result.scheduledAgentHours / result.erlangAgentHours).toFixed(2) : '—',
              paid: hours(result.paidHours),
            })}{' '}
            {t('wfm.multiSkill.trimmed', { n: result.trim.removedShifts, hours: hours(result.trim.removedPaidHours) })}
          </p>
          {result.unmetBlocks > 0 && <p className="bad">{t('wfm.multiSkill.unmet', { n: result.unmetBlocks })}</p>}
          {result.queuesWithoutAgents.length > 0 && (
            <p className="bad">
              {t('wfm.multiSkill.noAgents')} <span translate="no">{result.queuesWithoutAgents.join(', ')}</span>
            </p>
          )}
          <div className="table-scroll">
            <table data-testid="multi-skill-groups">
              <thead>
                <tr>
                  <th>{t('wfm.multiSkill.group')}</th>
                  <th>{t('wfm.agents')}</th>
                  <th>{t('wfm.multiSkill.askedHours')}</th>
                  <th>{t('wfm.multiSkill.scheduledHours')}</th>
                </tr>
              </thead>
              <tbody>
                {result.groups.map((g) => (
                  <tr key={g.key}>
                    <td>
                      {g.skills.map((s, i) => (
                        <span key={s.queue}>
                          {i > 0 && '、'}
                          <span translate="no">{s.queue}</span> {t('wfm.multiSkill.level', { n: s.level })}
                        </span>
                      ))}
                    </td>
                    <td>{g.agents}</td>
                    <td>{hours(g.requiredHours)}</td>
                    <td>{hours(g.scheduledHours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Each queue's simulated service level beside its validation's, in percent, the target as a line. */
function SlChart({ queues }: { queues: MultiSkillSummaryWire['queues'] }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const round = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1000) / 10);
    const target = queues[0]?.slTarget;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: queues.map((q) => q.queue) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('wfm.multiSkill.simulatedSl'),
          type: 'bar',
          data: queues.map((q) => round(q.serviceLevel)),
          ...(target != null && queues.every((q) => q.slTarget === target)
            ? {
                markLine: {
                  symbol: 'none',
                  data: [{ yAxis: round(target), name: t('wfm.multiSkill.target') }],
                  label: { position: 'insideEndTop', formatter: t('wfm.multiSkill.target') },
                },
              }
            : {}),
        },
        { name: t('wfm.multiSkill.validationSl', { n: VALIDATION_WEEKS }), type: 'bar', data: queues.map((q) => round(q.serviceLevelValidation)) },
      ],
    };
  }, [queues, t]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return <Chart option={option as any} height={200} testId="multi-skill-sl-chart" />;
}
