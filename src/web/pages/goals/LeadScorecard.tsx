import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { centerToday } from '../../format';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import { SCORECARD_EDITORS, type LeadCardWire } from '../../../contract/goals';
import { SCORECARD_PARTS } from '../../../core/goals/scorecard';
import { shiftMonth } from '../../../core/performance/facts';
import { Chart } from '../../components/Chart';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { FactValue } from '../../components/facts';
import { hasAny, useMe } from '../../session';

/** A 0–1 score as 0–100 points; a dash when there was no data. */
const pts = (x: number | null | undefined) => (x === null || x === undefined ? '—' : String(Math.round(x * 100)));
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** Each item's inputs in words: "12 / 19 天". */
function itemInput(t: TFunction, c: LeadCardWire, item: string): string {
  const i = c.input;
  switch (item) {
    case 'targets':
      return t('leadCard.inputs.targets', i.targets);
    case 'goals':
      return t('leadCard.inputs.goals', i.goals);
    case 'reports':
      return t('leadCard.inputs.reports', { sent: i.reportsSent, days: i.reportDays });
    case 'coaching':
      return t('leadCard.inputs.coaching', { n: i.coachings, agents: i.agents });
    case 'tasks':
      return t('leadCard.inputs.tasks', { rate: pct(i.taskOnTimeRate) });
    case 'attrition':
      return t('leadCard.inputs.attrition', { rate: pct(i.attritionRate) });
    default:
      return t('leadCard.inputs.mood', { mean: i.moodMean === null ? '—' : i.moodMean.toFixed(1) });
  }
}

/** The team lead's scorecard (issue 17, 執行力 / 勝任力): every lead's month for managers, a lead's own for them. */
export default function LeadScorecard() {
  const { t } = useTranslation();
  const me = useMe();
  // the last closed month by default: a running month's routine and results are still partial
  const [month, setMonth] = useState(shiftMonth(centerToday().slice(0, 7), -1));
  const r = useEndpoint(contract.goals.scorecards, { query: { month } });
  const cards = useMemo(() => r.data?.cards ?? [], [r.data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { type: 'scroll' as const },
      grid: { containLabel: true, left: 8, right: 8 },
      xAxis: { type: 'category' as const, data: cards.map((c) => c.leadName) },
      yAxis: { type: 'value' as const, min: 0, max: 100 },
      series: [
        ...SCORECARD_PARTS.map((p) => ({
          type: 'bar' as const,
          name: t(`leadCard.parts.${p}`),
          data: cards.map((c) => (c.parts[p].score === null ? null : Math.round(c.parts[p].score! * 100))),
        })),
        { type: 'line' as const, name: t('leadCard.overall'), data: cards.map((c) => (c.overall === null ? null : Math.round(c.overall * 100))) },
      ],
    }),
    [cards, t],
  );
  return (
    <Page title={t('nav.leadScorecard')}>
      <p className="hint">{t('leadCard.hint')}</p>
      <FieldRow>
        <Field label={t('goals.month')}>
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} data-testid="leadcard-month" />
        </Field>
      </FieldRow>
      <ErrorNote error={r.error} />
      {r.data && cards.length === 0 && <p className="hint">{t('leadCard.none')}</p>}
      {cards.length > 0 && (
        <section className="card">
          <h2>{t('leadCard.chart')}</h2>
          <p className="hint">{t('leadCard.rule')}</p>
          <Chart option={option} height={280} testId="leadcard-chart" />
          <table data-testid="leadcard-table">
            <thead>
              <tr>
                <th>{t('leadCard.lead')}</th>
                <th>{t('leadCard.teams')}</th>
                <th>{t('leadCard.execution')}</th>
                <th>{t('leadCard.competence')}</th>
                <th>{t('leadCard.overall')}</th>
              </tr>
            </thead>
            <tbody>
              {cards.map((c) => (
                <tr key={c.leadId} data-testid={`leadcard-${c.leadId}`}>
                  <td>
                    <Raw>{c.leadName}</Raw>
                  </td>
                  <td>
                    <Raw>{c.teams.map((x) => x.name).join('、')}</Raw>
                  </td>
                  <td>{pts(c.execution)}</td>
                  <td>{pts(c.competence)}</td>
                  <td data-testid={`leadcard-${c.leadId}-overall`}>{pts(c.overall)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {cards.map((c) => (
        <section className="card" key={c.leadId} data-testid={`leadcard-detail-${c.leadId}`}>
          <h2>
            <Raw>{c.leadName}</Raw> · {t('leadCard.detail')}
          </h2>
          <table>
            <tbody>
              {SCORECARD_PARTS.map((p) =>
                Object.entries(c.parts[p].items).map(([item, score], k) => (
                  <tr key={`${p}-${item}`}>
                    {k === 0 && (
                      <th rowSpan={Object.keys(c.parts[p].items).length} scope="rowgroup">
                        {t(`leadCard.parts.${p}`)} {pts(c.parts[p].score)}
                      </th>
                    )}
                    <td>{t(`leadCard.items.${item}`)}</td>
                    <td>{pts(score)}</td>
                    <td className="hint">{itemInput(t, c, item)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          <h3>{t('leadCard.figures')}</h3>
          <FieldRow>
            {(['aht', 'qaScore', 'adherence', 'csat'] as const).map((k) => (
              <span key={k} className="tile-inline">
                {t(`facts.figures.${k}`)}: <FactValue name={k} fact={c.figures[k]} />
              </span>
            ))}
          </FieldRow>
        </section>
      ))}
      {hasAny(me, SCORECARD_EDITORS) && r.data && <Config initial={r.data.config} onSaved={() => void r.reload()} />}
    </Page>
  );
}

type ConfigWire = { weights: Record<(typeof SCORECARD_PARTS)[number], number>; coachingPerAgent: number; attritionCeiling: number };

/** The stored config as the fields show it: weights, coaching per agent, the attrition ceiling in percent. */
const configDraft = (c: ConfigWire): Record<string, string> => ({
  ...Object.fromEntries(SCORECARD_PARTS.map((p) => [p, String(c.weights[p])])),
  coachingPerAgent: String(c.coachingPerAgent),
  attritionCeiling: String(Math.round(c.attritionCeiling * 1000) / 10),
});

function Config({ initial, onSaved }: { initial: ConfigWire; onSaved: () => void }) {
  const { t } = useTranslation();
  const act = useAction();
  const [saved, setSaved] = useState(false);
  // seeded once: the scorecards reload with each month chosen, which would overwrite figures being typed
  const [seeded, setF] = useStoredForm(initial, configDraft);
  const f = seeded ?? configDraft(initial);
  const save = () =>
    act.run(async () => {
      setSaved(false);
      const stored = await call(contract.goals.saveConfig, {
        body: {
          weights: Object.fromEntries(SCORECARD_PARTS.map((p) => [p, Number(f[p])])) as ConfigWire['weights'],
          coachingPerAgent: Number(f.coachingPerAgent),
          attritionCeiling: Number(f.attritionCeiling) / 100,
        },
      });
      // the fields show what is stored now
      setF(configDraft(stored));
      setSaved(true);
      onSaved();
    });
  return (
    <section className="card" data-testid="leadcard-config">
      <h2>{t('leadCard.config')}</h2>
      <ErrorNote error={act.errorOutside(['weights', 'coachingPerAgent', 'attritionCeiling'])} />
      <FieldRow>
        {SCORECARD_PARTS.map((p) => (
          <Field key={p} label={t('leadCard.weight', { part: t(`leadCard.parts.${p}`) })} error={act.errorFor(`weights.${p}`)}>
            <input type="number" min={0} step="any" value={f[p]} onChange={(e) => setF({ ...f, [p]: e.target.value })} />
          </Field>
        ))}
      </FieldRow>
      <FieldRow>
        <Field label={t('leadCard.coachingPerAgent')} error={act.errorFor('coachingPerAgent')}>
          <input type="number" min={0} step="any" value={f.coachingPerAgent} onChange={(e) => setF({ ...f, coachingPerAgent: e.target.value })} />
        </Field>
        <Field label={t('leadCard.attritionCeiling')} error={act.errorFor('attritionCeiling')}>
          <input type="number" min={0.1} max={100} step="any" value={f.attritionCeiling} onChange={(e) => setF({ ...f, attritionCeiling: e.target.value })} />
        </Field>
      </FieldRow>
      <div className="page-actions">
        <button onClick={() => void save()}>{t('leadCard.saveConfig')}</button>
        {saved && <span className="hint">{t('leadCard.saved')}</span>}
      </div>
    </section>
  );
}
