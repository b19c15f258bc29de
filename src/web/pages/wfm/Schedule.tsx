import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { RunView } from '../../../contract/wfm';
import { Chart } from '../../components/Chart';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Page, pct, Raw } from '../../components/ui';
import { fromLocalInput, hm, mdw, mondayOf, toLocalInput, ymd } from './util';
import { PeakRule } from './PeakRule';
import { Shrinkage } from './Shrinkage';
import { MultiSkillPlan } from './MultiSkillPlan';
import { fmtDateTime } from '../../format';

/** The fields of the requirement forms (from a forecast, pasted), each with its reason under it. */
const REQ_FIELDS = ['weekStart', 'forecastId', 'targetSl', 'thresholdS', 'shrinkage', 'shrinkageLeave', 'shrinkageActivity', 'required'];

/** The Monday `k` weeks after `monday` (YYYY-MM-DD). */
const weekAfter = (monday: string, k: number) => new Date(Date.parse(`${monday}T00:00:00Z`) + k * 7 * 86_400_000).toISOString().slice(0, 10);

/** The shrinkage an uploaded curve declares (percent): its total and the leave share of it, each its own input and body field. */
const UPLOAD_SHRINKAGE = [
  { part: 'total', name: 'uploadShrinkage', label: 'wfm.uploadShrinkage', field: 'shrinkage' },
  { part: 'leave', name: 'uploadShrinkageLeave', label: 'wfm.uploadShrinkageLeave', field: 'shrinkageLeave' },
  { part: 'activity', name: 'uploadShrinkageActivity', label: 'wfm.uploadShrinkageActivity', field: 'shrinkageActivity' },
] as const;

export default function Schedule() {
  const { t, i18n } = useTranslation();
  // the shrinkage the requirement was computed with (migration 059), as a percentage; nothing when not known
  const share = (x: number) => String(Math.round(x * 1000) / 10);
  // and the planned-activity share of it when recorded (migration 060: intraday sees booked activities up to it)
  const reqShrinkage = (s: { total: number | null; leave: number | null; activity: number | null }) =>
    s.total === null
      ? ''
      : ` · ${s.leave === null ? t('wfm.requirementShrinkageTotal', { total: share(s.total) }) : t('wfm.requirementShrinkage', { total: share(s.total), leave: share(s.leave) })}${
          s.activity === null ? '' : t('wfm.requirementShrinkageActivity', { activity: share(s.activity) })
        }`;
  // where the week's requirement came from: upload, forecast:<id>, demo
  const reqSource = (src: string) =>
    src.startsWith('forecast:')
      ? `${t('wfm.reqSource.forecast')} #${src.slice(9)}`
      : src.startsWith('forecasts:')
        ? `${t('wfm.reqSource.forecasts')} ${src
            .slice(10)
            .split(',')
            .map((id) => `#${id}`)
            .join(' ')}`
        : t(`wfm.reqSource.${src}`, { defaultValue: src });
  const [week, setWeek] = useState(() => mondayOf(Date.now()));
  // one action per form, so the server's reason shows under the field it names
  const reqAct = useAction();
  const runAct = useAction();
  // publishing: its refusal (e.g. week k before week k−1 of the plan) shows under the publish buttons
  const pubAct = useAction();
  const reqs = useEndpoint(contract.wfm.requirements, {});
  const forecasts = useEndpoint(contract.wfm.forecasts, {});
  const runs = useEndpoint(contract.wfm.runs, {});
  const [runId, setRunId] = useState<number | null>(null);
  const run = useEndpoint(contract.wfm.run, runId ? { params: { id: runId } } : null);
  const [timeLimit, setTimeLimit] = useState('10');
  const [distinctCost, setDistinctCost] = useState('0');
  // N weeks in one run (issue 15): the plan's runs, one per week, in week order
  const [weeks, setWeeks] = useState('1');
  const [planIds, setPlanIds] = useState<number[]>([]);
  const nWeeks = Math.min(6, Math.max(1, Math.floor(Number(weeks)) || 1));
  const horizon = Array.from({ length: nWeeks }, (_, k) => weekAfter(week, k));
  const newestReq = (w: string) => (reqs.data ?? []).find((r) => r.week_start === w);
  const [fc, setFc] = useState({ forecastId: '', targetSl: '0.8', thresholdS: '20' });
  const [paste, setPaste] = useState('');
  // the shrinkage the pasted curve was computed with, in percent (optional): kept with it (migration 059)
  const [pasteShrinkage, setPasteShrinkage] = useState({ total: '', leave: '', activity: '' });
  const percentOf = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(/[%％\s]/g, '')) / 100);
  const weekReqs = (reqs.data ?? []).filter((r) => r.week_start === week);
  const [tick, setTick] = useState(0);
  // follow a running solve
  useEffect(() => {
    if (run.data?.run.status !== 'running') return;
    const h = setInterval(() => {
      setTick((x) => x + 1);
      void run.reload();
    }, 700);
    return () => clearInterval(h);
  }, [run.data?.run.status]);
  // the plan's week runs finish one after another: follow the list while any of them is running
  const planRunning = planIds.some((id) => (runs.data ?? []).find((x) => x.id === id)?.status === 'running');
  useEffect(() => {
    if (!planRunning) return;
    const h = setInterval(() => void runs.reload(), 1000);
    return () => clearInterval(h);
  }, [planRunning]);
  // the weeks of the shown run's plan, from the stored link (migration 054): after a reload too
  const shownPlan = (runs.data ?? []).find((x) => x.id === runId)?.plan_id ?? null;
  useEffect(() => {
    if (shownPlan == null) return;
    const ids = (runs.data ?? [])
      .filter((x) => x.plan_id === shownPlan)
      .sort((a, b) => (a.plan_week ?? 0) - (b.plan_week ?? 0))
      .map((x) => x.id);
    if (ids.join() !== planIds.join()) setPlanIds(ids);
  }, [shownPlan, runs.data]);
  useEffect(() => {
    if (runId == null && runs.data?.length) {
      const r = runs.data.find((x) => x.week_start === week) ?? null;
      if (r) setRunId(r.id);
    }
  }, [runs.data, week, runId]);
  const option = useMemo(() => {
    const d = run.data;
    if (!d) return null;
    const labels = d.required.map((_, k) => `${mdw(d.weekStartTs + k * 900_000, i18n.language)} ${hm(d.weekStartTs + k * 900_000)}`);
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      dataZoom: [{ type: 'inside' }, { type: 'slider' }],
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', name: t('wfm.agents') },
      series: [
        { name: t('wfm.required'), type: 'line', step: 'end', data: d.required, symbol: 'none' },
        {
          name: t('wfm.scheduled'),
          type: 'line',
          step: 'end',
          data: d.coverage.map((c) => +c.toFixed(2)),
          symbol: 'none',
          areaStyle: { opacity: 0.2 },
        },
      ],
    };
  }, [run.data, t, i18n.language]);
  const status = run.data?.run.status;
  const elapsed = run.data?.run.progress?.startedAt ? Math.max(0, Math.round((Date.now() - run.data.run.created_at) / 1000)) : 0;
  void tick;
  return (
    <Page title={t('nav.schedule')}>
      <FieldRow>
        <Field label={t('wfm.week')} error={reqAct.errorFor('weekStart') ?? runAct.errorFor('weekStart')}>
          <input type="date" name="week" value={week} onChange={(e) => (setWeek(e.target.value), setRunId(null), setPlanIds([]))} />
        </Field>
      </FieldRow>
      <h3>{t('wfm.requirement')}</h3>
      <ErrorNote error={reqAct.errorOutside(REQ_FIELDS)} />
      <FieldRow>
        <Field label={t('wfm.forecast')} error={reqAct.errorFor('forecastId')}>
          <select name="forecastId" value={fc.forecastId} onChange={(e) => setFc({ ...fc, forecastId: e.target.value })}>
            <option value="">—</option>
            {(forecasts.data ?? []).map((f) => (
              <option key={f.id} value={f.id} translate="no">
                #{f.id} {f.queue} · {t(`wfm.model_${f.model}`, { defaultValue: f.model })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('wfm.targetSl')} error={reqAct.errorFor('targetSl')}>
          <input name="targetSl" inputMode="decimal" value={fc.targetSl} onChange={(e) => setFc({ ...fc, targetSl: e.target.value })} />
        </Field>
        <Field label={t('wfm.thresholdS')} error={reqAct.errorFor('thresholdS')}>
          <input name="thresholdS" inputMode="numeric" value={fc.thresholdS} onChange={(e) => setFc({ ...fc, thresholdS: e.target.value })} />
        </Field>
      </FieldRow>
      <Shrinkage />
      <div className="form-row">
        <button
          disabled={!fc.forecastId}
          onClick={() =>
            reqAct.run(
              async () => (
                await call(contract.wfm.createRequirement, {
                  body: {
                    weekStart: week,
                    forecastId: Number(fc.forecastId),
                    targetSl: Number(fc.targetSl),
                    thresholdS: Number(fc.thresholdS),
                    // shrinkage: the center's categories (above), summed by the server
                  },
                }),
                await reqs.reload()
              ),
            )
          }
        >
          {t('wfm.fromForecast')}
        </button>
      </div>
      <FieldRow>
        <Field label={t('wfm.upload')} error={reqAct.errorFor('required')} wide>
          <textarea name="required" value={paste} onChange={(e) => setPaste(e.target.value)} rows={2} />
        </Field>
      </FieldRow>
      <FieldRow>
        {UPLOAD_SHRINKAGE.map((u) => (
          <Field key={u.part} label={t(u.label)} error={reqAct.errorFor(u.field)}>
            <input
              name={u.name}
              inputMode="decimal"
              value={pasteShrinkage[u.part]}
              onChange={(e) => setPasteShrinkage({ ...pasteShrinkage, [u.part]: e.target.value })}
            />
          </Field>
        ))}
      </FieldRow>
      <p className="hint">{t('wfm.uploadShrinkageHint')}</p>
      <div className="form-row">
        <button
          disabled={!paste.trim()}
          onClick={() =>
            reqAct.run(
              async () => (
                await call(contract.wfm.createRequirement, {
                  body: {
                    weekStart: week,
                    required: paste
                      .split(/[\s,，]+/)
                      .filter(Boolean)
                      .map(Number),
                    shrinkage: percentOf(pasteShrinkage.total),
                    shrinkageLeave: percentOf(pasteShrinkage.leave),
                    shrinkageActivity: percentOf(pasteShrinkage.activity),
                  },
                }),
                await reqs.reload()
              ),
            )
          }
        >
          {t('wfm.createRequirement')}
        </button>
      </div>
      <ErrorNote error={runAct.errorOutside(['weekStart', 'timeLimitS', 'distinctShiftCost', 'weeks'])} />
      <FieldRow>
        <span data-testid="requirement-count" className="field-value">
          {t('wfm.requirement')}:{' '}
          {weekReqs.length
            ? `#${weekReqs[0].id} (${reqSource(weekReqs[0].source)}${reqShrinkage(weekReqs[0].shrinkage)}${weekReqs[0].pending ? ` · ${t('wfm.requirementPendingShort')}` : ''})`
            : t('app.none')}
        </span>
        <Field label={t('wfm.weeksToPlan')} error={runAct.errorFor('weeks')} hint={t('wfm.weeksToPlanHint')}>
          <input name="weeks" type="number" min={1} max={6} value={weeks} onChange={(e) => setWeeks(e.target.value)} />
        </Field>
        <Field label={t('wfm.timeLimit')} error={runAct.errorFor('timeLimitS')}>
          <input name="timeLimit" inputMode="numeric" value={timeLimit} onChange={(e) => setTimeLimit(e.target.value)} />
        </Field>
        <Field label={t('wfm.distinctCost')} error={runAct.errorFor('distinctShiftCost')}>
          <input name="distinctShiftCost" inputMode="decimal" value={distinctCost} onChange={(e) => setDistinctCost(e.target.value)} />
        </Field>
      </FieldRow>
      <p className="hint">{t('wfm.distinctCostHint')}</p>
      {nWeeks > 1 && (
        <ul data-testid="plan-weeks">
          {horizon.map((w, k) => {
            const r = k === 0 ? weekReqs[0] : newestReq(w);
            return (
              <li key={w}>
                {t('wfm.planWeek', { n: k + 1, week: w })}: {r ? `${t('wfm.requirement')} #${r.id}` : t('app.none')}
              </li>
            );
          })}
        </ul>
      )}
      <div className="form-row">
        <button
          data-testid="run-solve"
          disabled={!weekReqs.length || status === 'running'}
          onClick={() =>
            runAct.run(async () => {
              const r = await call(contract.wfm.startRun, {
                body: {
                  weekStart: week,
                  requirementId: weekReqs[0]!.id,
                  timeLimitS: Number(timeLimit),
                  distinctShiftCost: Number(distinctCost) || 0,
                  weeks: Number(weeks),
                },
              });
              setRunId(r.id);
              setPlanIds(r.ids);
              await runs.reload();
            })
          }
        >
          {t('wfm.run')}
        </button>
      </div>
      {planIds.length > 1 && (
        <div className="form-row" data-testid="plan-runs">
          {planIds.map((id, k) => {
            const r = (runs.data ?? []).find((x) => x.id === id);
            return (
              <button key={id} aria-pressed={id === runId} onClick={() => setRunId(id)}>
                {t('wfm.planWeek', { n: k + 1, week: r?.week_start ?? '' })} #{id} · {r ? t(`wfm.${r.status}`, { defaultValue: r.status }) : ''}
              </button>
            );
          })}
          {planIds.every((id) => ['done', 'published', 'superseded'].includes((runs.data ?? []).find((x) => x.id === id)?.status ?? '')) &&
            planIds.some((id) => (runs.data ?? []).find((x) => x.id === id)?.status === 'done') && (
              <button
                data-testid="publish-all"
                onClick={() =>
                  pubAct.run(async () => {
                    // the plan's last unpublished week with every week before it, in week order, in one transaction
                    const last = [...planIds].reverse().find((id) => (runs.data ?? []).find((x) => x.id === id)?.status === 'done')!;
                    await call(contract.wfm.publishRun, { params: { id: last }, body: { withEarlierWeeks: true } });
                    await runs.reload();
                    await run.reload();
                  })
                }
              >
                {t('wfm.publishAll')}
              </button>
            )}
        </div>
      )}
      {run.data && (
        <div data-testid="run-panel">
          <p>
            #{run.data.run.id}{' '}
            {run.data.run.plan_week != null && run.data.run.plan_weeks != null && (
              <span data-testid="plan-week-of">{t('wfm.planWeekOf', { k: run.data.run.plan_week, n: run.data.run.plan_weeks })} · </span>
            )}
            {t('wfm.status')}: <b data-testid="run-status">{t(`wfm.${status}`, { defaultValue: status })}</b>
            {status === 'running' && (
              <>
                {' '}
                {t('wfm.running')} {t('wfm.phase')}: {t(`wfm.phases.${run.data.run.progress.phase}`, { defaultValue: run.data.run.progress.phase })} ·{' '}
                {t('wfm.elapsed')} {elapsed}s / {run.data.run.time_limit_s}s{' '}
                <progress max={run.data.run.time_limit_s} value={Math.min(elapsed, run.data.run.time_limit_s)} />
              </>
            )}
            {run.data.run.summary && (
              <>
                {' '}
                · {t('wfm.objective')} {run.data.run.summary.objective.total.toFixed(1)} · {t('wfm.lpBound')} {run.data.run.summary.lpBound.toFixed(1)} ·{' '}
                {t('wfm.gap')} {pct(run.data.run.summary.gap)} ·{' '}
                <span data-testid="distinct-shifts">{t('wfm.distinctShifts', { count: run.data.distinctShifts })}</span>
              </>
            )}
            {run.data.run.error && (
              <span className="error" data-testid="run-error">
                {' '}
                {run.data.run.progress.reason
                  ? t(`errors.${run.data.run.progress.reason}`, { ...(run.data.run.progress.params ?? {}), defaultValue: run.data.run.error })
                  : run.data.run.error}
              </span>
            )}
            {status === 'done' && (
              <button
                data-testid="publish"
                onClick={() =>
                  pubAct.run(
                    async () => (await call(contract.wfm.publishRun, { params: { id: run.data!.run.id }, body: {} }), await run.reload(), await runs.reload()),
                  )
                }
              >
                {t('wfm.publish')}
              </button>
            )}
          </p>
          <div data-testid="publish-error">
            <ErrorNote error={pubAct.error} />
          </div>
          {option && status !== 'running' && (
            <>
              <h3>{t('wfm.coverage')}</h3>
              <Chart option={option as any} height={320} testId="coverage-chart" />
              <ShiftTable shifts={run.data.shifts} onMoved={run.reload} />
            </>
          )}
        </div>
      )}
      <MultiSkillPlan
        week={week}
        forecasts={(forecasts.data ?? []).map((f) => ({ id: f.id, queue: f.queue }))}
        run={run.data ?? null}
        onStarted={(id) => (setRunId(id), void runs.reload(), void reqs.reload())}
      />
      <PeakSlots />
    </Page>
  );
}

function ShiftTable({ shifts, onMoved }: { shifts: RunView['shifts']; onMoved: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [edit, setEdit] = useState<{ id: number; value: string } | null>(null);
  const move = useAction();
  const save = (id: number, value: string, baseUpdatedAt: number) =>
    move.run(async () => {
      try {
        // the version this edit started from: a change by someone else since → 409 wfm.staleShift
        await call(contract.wfm.moveShift, { params: { id }, body: { start: fromLocalInput(value), baseUpdatedAt } });
        setEdit(null);
        await onMoved();
      } catch (e) {
        // stale: show the reason and reload the schedule so the next edit starts from what is stored
        if (e instanceof ApiError && e.status === 409) {
          setEdit(null);
          await onMoved();
        }
        throw e;
      }
    });
  return (
    <>
      {/* the reason stays under the open edit's field; once the edit is closed (stale), above the table */}
      <ErrorNote error={move.errorOutside(edit ? ['start'] : [])} />
      <table data-testid="shifts-table">
        <thead>
          <tr>
            <th>{t('wfm.agent')}</th>
            <th>{t('wfm.day')}</th>
            <th>{t('wfm.start')}</th>
            <th>{t('wfm.end')}</th>
            <th>{t('wfm.template')}</th>
            <th>{t('wfm.paidHours')}</th>
            <th>{t('app.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {shifts.slice(0, 400).map((s) => (
            <tr key={s.id}>
              <td>{s.agentName}</td>
              <td>{mdw(s.start, i18n.language)}</td>
              <td>{hm(s.start)}</td>
              <td>{hm(s.end)}</td>
              <td>
                <Raw>{s.templateCode}</Raw>
                {s.queues?.length ? (
                  <span className="muted" data-testid="shift-queues" translate="no">
                    {' '}
                    {s.queues.join(' · ')}
                  </span>
                ) : null}
              </td>
              <td>{s.paidHours}</td>
              <td>
                {edit?.id === s.id ? (
                  <div className="form-row">
                    <Field label={t('wfm.moveTo')} error={move.errorFor('start')}>
                      <input type="datetime-local" name="start" value={edit.value} onChange={(e) => setEdit({ id: s.id, value: e.target.value })} />
                    </Field>
                    <button onClick={() => save(s.id, edit.value, s.updatedAt)}>{t('app.save')}</button>
                  </div>
                ) : (
                  <button data-opens="shift-move" onClick={() => (move.clear(), setEdit({ id: s.id, value: toLocalInput(s.start) }))}>
                    {t('wfm.move')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const SLOT_FIELDS = ['kind', 'title', 'start', 'end', 'capacity', 'bonus'];

function PeakSlots() {
  const { t } = useTranslation();
  const slots = useEndpoint(contract.wfm.slots, {});
  // tomorrow 19:00 on the center's clock
  const tomorrow = new Date(fromLocalInput(`${ymd(Date.now() + 86_400_000)}T19:00`));
  const [f, setF] = useState<{ kind: 'peak' | 'vto'; title: string; start: string; end: string; capacity: string; bonus: string }>({
    kind: 'peak',
    title: '',
    start: toLocalInput(tomorrow.getTime()),
    end: toLocalInput(tomorrow.getTime() + 2 * 3600_000),
    capacity: '2',
    bonus: '5',
  });
  const create = useAction();
  const confirm = useAction();
  return (
    <>
      <h3>{t('wfm.peakSlots')}</h3>
      <PeakRule />
      <div data-testid="slot-form">
        <ErrorNote error={create.errorOutside(SLOT_FIELDS)} />
        <FieldRow>
          <Field label={t('wfm.slotKind')} error={create.errorFor('kind')}>
            <select name="kind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as 'peak' | 'vto' })}>
              <option value="peak">{t('wfm.peak')}</option>
              <option value="vto">{t('wfm.vto')}</option>
            </select>
          </Field>
          <Field label={t('wfm.title')} error={create.errorFor('title')}>
            <input name="title" value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
          </Field>
          <Field label={t('wfm.start')} error={create.errorFor('start')}>
            <input name="start" type="datetime-local" value={f.start} onChange={(e) => setF({ ...f, start: e.target.value })} />
          </Field>
          <Field label={t('wfm.end')} error={create.errorFor('end')}>
            <input name="end" type="datetime-local" value={f.end} onChange={(e) => setF({ ...f, end: e.target.value })} />
          </Field>
          <Field label={t('wfm.capacity')} error={create.errorFor('capacity')}>
            <input name="capacity" inputMode="numeric" value={f.capacity} onChange={(e) => setF({ ...f, capacity: e.target.value })} />
          </Field>
          <Field label={t('wfm.bonus')} error={create.errorFor('bonus')}>
            <input name="bonus" inputMode="numeric" value={f.bonus} onChange={(e) => setF({ ...f, bonus: e.target.value })} />
          </Field>
        </FieldRow>
        <div className="form-row">
          <button
            disabled={!f.title.trim()}
            onClick={() =>
              create.run(async () => {
                await call(contract.wfm.createSlot, {
                  body: {
                    kind: f.kind,
                    title: f.title,
                    start: fromLocalInput(f.start),
                    end: fromLocalInput(f.end),
                    capacity: Number(f.capacity),
                    bonus: Number(f.bonus),
                  },
                });
                await slots.reload();
              })
            }
          >
            {t('wfm.newSlot')}
          </button>
        </div>
      </div>
      <ErrorNote error={slots.error ?? confirm.error} />
      <table data-testid="slots-table">
        <thead>
          <tr>
            <th>{t('wfm.title')}</th>
            <th>{t('wfm.start')}</th>
            <th>{t('wfm.capacity')}</th>
            <th>{t('wfm.requests')}</th>
            <th>{t('wfm.status')}</th>
            <th>{t('app.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(slots.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>{s.title}</td>
              <td>
                {fmtDateTime(s.start_ts)} – {hm(s.end_ts)}
              </td>
              <td>{s.capacity}</td>
              <td>{s.requests.map((r) => `${r.name}${r.status === 'awarded' ? ' ✓' : ''}`).join('，')}</td>
              <td>{t(`wfm.slotStatus.${s.status}`, { defaultValue: s.status })}</td>
              <td>
                {s.status === 'open' && (
                  <button onClick={() => confirm.run(async () => (await call(contract.wfm.confirmSlot, { params: { id: s.id } }), await slots.reload()))}>
                    {t('wfm.confirm')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
