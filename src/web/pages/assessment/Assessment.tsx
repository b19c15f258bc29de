import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { centerToday } from '../../format';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import { ASSESSMENT_EDITORS, type AssessmentGapWire, type AssessmentPointWire, type AssessmentRoundWire } from '../../../contract/assessment';
import { DIMENSIONS, GAP_STATUSES, LEVEL_COUNT, MAX_LEVEL, type GapStatus } from '../../../core/assessment/index';
import { FACT_KPIS } from '../../../core/facts/index';
import { Chart } from '../../components/Chart';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { FactValue } from '../../components/facts';
import { hasAny, useMe } from '../../session';

type Checklist = { levels: string[]; points: AssessmentPointWire[]; owners: { id: number; name: string }[] };

/** The center's self-assessment (issue 17): rounds and their levels over time, one round's scores and gaps, the checklist. */
export default function Assessment() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasAny(me, ASSESSMENT_EDITORS);
  const cl = useEndpoint(contract.assessment.checklist, {});
  const rounds = useEndpoint(contract.assessment.rounds, {});
  const [roundId, setRoundId] = useState<number | null>(null);
  const [gapsVersion, setGapsVersion] = useState(0);
  useEffect(() => {
    const rs = rounds.data;
    if (roundId === null && rs && rs.length) setRoundId(rs[rs.length - 1]!.id);
  }, [rounds.data, roundId]);
  return (
    <Page title={t('nav.assessment')}>
      <p className="hint">{t('assessment.hint')}</p>
      <ErrorNote error={cl.error ?? rounds.error} />
      <Gaps version={gapsVersion} canEdit={canEdit} />
      <Rounds
        rounds={rounds.data ?? []}
        levels={cl.data?.levels ?? []}
        canEdit={canEdit}
        onOpen={setRoundId}
        onCreated={(id) => void rounds.reload().then(() => setRoundId(id))}
      />
      {roundId !== null && cl.data && (
        <RoundView
          key={roundId}
          id={roundId}
          checklist={cl.data}
          canEdit={canEdit}
          onChanged={() => {
            void rounds.reload();
            setGapsVersion((v) => v + 1);
          }}
        />
      )}
      {canEdit && cl.data && <ChecklistEditor checklist={cl.data} onSaved={() => void cl.reload()} />}
    </Page>
  );
}

const levelLabel = (levels: string[], l: number | null | undefined) => (l === null || l === undefined ? '—' : `${l} ${levels[l] ?? ''}`.trim());

function Gaps({ version, canEdit }: { version: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const g = useEndpoint(contract.assessment.gaps, {}, [version]);
  const act = useAction();
  const move = (id: number, status: GapStatus) =>
    act.run(async () => {
      await call(contract.assessment.setGapStatus, { params: { id }, body: { status } });
      await g.reload();
    });
  return (
    <section className="card" data-testid="assessment-gaps">
      <h2>{canEdit ? t('assessment.gaps') : t('assessment.myGaps')}</h2>
      <p className="hint">{t('assessment.gapHint')}</p>
      <ErrorNote error={act.error ?? g.error} />
      {g.data && g.data.length === 0 && <p className="hint">{t('assessment.noGaps')}</p>}
      {g.data && g.data.length > 0 && <GapTable gaps={g.data} onMove={move} />}
    </section>
  );
}

function GapTable({ gaps, onMove }: { gaps: AssessmentGapWire[]; onMove?: (id: number, s: GapStatus) => void }) {
  const { t } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          <th>{t('assessment.point')}</th>
          <th>{t('assessment.level')}</th>
          <th>{t('assessment.owner')}</th>
          <th>{t('assessment.due')}</th>
          <th>{t('assessment.status')}</th>
        </tr>
      </thead>
      <tbody>
        {gaps.map((g) => (
          <tr key={g.id} data-testid={`gap-${g.code}`}>
            <td style={{ minWidth: '12em' }}>
              <span translate="no">{g.code}</span> · {t(`assessment.dimensions.${g.dimension}`)} · <Raw>{g.text}</Raw>
            </td>
            <td>
              {g.level ?? '—'} / {g.targetLevel}
            </td>
            <td>
              <Raw>{g.ownerName}</Raw>
            </td>
            <td>{g.dueDate}</td>
            <td>
              {onMove ? (
                <select value={g.status} onChange={(e) => onMove(g.id, e.target.value as GapStatus)} aria-label={t('assessment.status')}>
                  {GAP_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`assessment.statuses.${s}`)}
                    </option>
                  ))}
                </select>
              ) : (
                t(`assessment.statuses.${g.status}`)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Rounds({
  rounds,
  levels,
  canEdit,
  onOpen,
  onCreated,
}: {
  rounds: AssessmentRoundWire[];
  levels: string[];
  canEdit: boolean;
  onOpen: (id: number) => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const act = useAction();
  const [f, setF] = useState({ date: centerToday(), targetLevel: '3' });
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { type: 'scroll' as const },
      xAxis: { type: 'category' as const, data: rounds.map((r) => r.date) },
      yAxis: { type: 'value' as const, min: 0, max: MAX_LEVEL, interval: 1 },
      series: DIMENSIONS.map((d) => ({
        type: 'line' as const,
        name: t(`assessment.dimensions.${d}`),
        data: rounds.map((r) => r.levels[d]),
        connectNulls: true,
      })),
    }),
    [rounds, t],
  );
  const create = () =>
    act.run(async () => {
      const r = await call(contract.assessment.createRound, { body: { date: f.date, targetLevel: Number(f.targetLevel) } });
      onCreated(r.id);
    });
  return (
    <section className="card">
      <h2>{t('assessment.rounds')}</h2>
      <p className="hint">{t('assessment.rule')}</p>
      {rounds.length === 0 && <p className="hint">{t('assessment.noRounds')}</p>}
      {rounds.length > 0 && (
        <>
          <h3>{t('assessment.trend')}</h3>
          <Chart option={option} height={260} testId="assessment-trend" />
          <table data-testid="assessment-rounds">
            <thead>
              <tr>
                <th>{t('assessment.date')}</th>
                <th>{t('assessment.assessor')}</th>
                <th>{t('assessment.target')}</th>
                {DIMENSIONS.map((d) => (
                  <th key={d}>{t(`assessment.dimensions.${d}`)}</th>
                ))}
                <th>{t('assessment.overall')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <td>{r.date}</td>
                  <td>{r.assessorName ? <Raw>{r.assessorName}</Raw> : '—'}</td>
                  <td>{r.targetLevel}</td>
                  {DIMENSIONS.map((d) => (
                    <td key={d}>{r.levels[d] ?? '—'}</td>
                  ))}
                  <td>
                    <Raw>{levelLabel(levels, r.overall)}</Raw>
                  </td>
                  <td>
                    <button onClick={() => onOpen(r.id)}>{t('assessment.open')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {canEdit && (
        <>
          <h3>{t('assessment.newRound')}</h3>
          <ErrorNote error={act.errorOutside(['date', 'targetLevel'])} />
          <FieldRow>
            <Field label={t('assessment.date')} error={act.errorFor('date')}>
              <input type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} data-testid="round-date" />
            </Field>
            <Field label={t('assessment.target')} error={act.errorFor('targetLevel')}>
              <select value={f.targetLevel} onChange={(e) => setF({ ...f, targetLevel: e.target.value })} data-testid="round-target">
                {Array.from({ length: LEVEL_COUNT }, (_, l) => (
                  <option key={l} value={String(l)}>
                    {levelLabel(levels, l)}
                  </option>
                ))}
              </select>
            </Field>
          </FieldRow>
          <div className="page-actions">
            <button onClick={() => void create()} data-testid="round-create">
              {t('assessment.create')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

type Draft = Record<number, { level: string; evidence: string }>;
/** A stored round's scores as the form edits them: '' not scored, 'na' not applicable, else the level. */
const draftOf = (r: { points: { id: number; scored: boolean; level: number | null; evidence: string }[] }): Draft =>
  Object.fromEntries(r.points.map((p) => [p.id, { level: !p.scored ? '' : p.level === null ? 'na' : String(p.level), evidence: p.evidence }]));

function RoundView({ id, checklist, canEdit, onChanged }: { id: number; checklist: Checklist; canEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const r = useEndpoint(contract.assessment.round, { params: { id } });
  const act = useAction();
  // the scores wait for the stored round: a level or evidence typed before it arrives would be overwritten, and so
  // would one typed meanwhile when a gap's owner is set (that reloads the round)
  const [stored, setDraft] = useStoredForm(r.data, draftOf);
  const draft = stored ?? {};
  const [note, setNote] = useState<string | null>(null);
  const [gapForm, setGapForm] = useState<Record<number, { ownerId: string; dueDate: string }>>({});
  const d = r.data;
  const save = () =>
    act.run(async () => {
      setNote(null);
      const scores = Object.entries(draft)
        .filter(([, v]) => v.level !== '')
        .map(([pid, v]) => ({ pointId: Number(pid), level: v.level === 'na' ? null : Number(v.level), evidence: v.evidence }));
      if (!scores.length) return;
      await call(contract.assessment.saveScores, { params: { id }, body: { scores } });
      // the scores show what is stored now
      const round = await call(contract.assessment.round, { params: { id } });
      r.setData(round);
      setDraft(draftOf(round));
      onChanged();
      setNote(t('assessment.saved'));
    });
  const assign = (pointId: number) =>
    act.run(async () => {
      const g = gapForm[pointId];
      await call(contract.assessment.setGap, { params: { id }, body: { pointId, ownerId: Number(g?.ownerId ?? 0), dueDate: g?.dueDate ?? '' } });
      await r.reload();
      onChanged();
    });
  if (!d) return <ErrorNote error={r.error} />;
  const gapOf = (pointId: number) => d.gaps.find((g) => g.pointId === pointId);
  // a failed score names body.scores.N.field: show it next to that point
  const rowError = (i: number) => act.errorFor(`scores.${i}`);
  const scoredIds = Object.entries(draft).filter(([, v]) => v.level !== '');
  return (
    <section className="card" data-testid="assessment-round">
      <h2>{t('assessment.round', { date: d.round.date })}</h2>
      <div className="fact-tiles" data-testid="dimension-levels">
        {DIMENSIONS.map((dim) => (
          <div className="fact-tile" key={dim} data-testid={`level-${dim}`}>
            <div className="hint">{t(`assessment.dimensions.${dim}`)}</div>
            <div className="fact-value">
              <Raw>{levelLabel(checklist.levels, d.round.levels[dim])}</Raw>
            </div>
          </div>
        ))}
        <div className="fact-tile" data-testid="level-overall">
          <div className="hint">{t('assessment.overall')}</div>
          <div className="fact-value">
            <Raw>{levelLabel(checklist.levels, d.round.overall)}</Raw>
          </div>
        </div>
      </div>
      <p className="hint">
        {t('assessment.target')}: <Raw>{levelLabel(checklist.levels, d.round.targetLevel)}</Raw> · {t('assessment.scored')}: {d.round.scored} /{' '}
        {d.points.length}
      </p>
      <ErrorNote error={act.errorOutside(scoredIds.map((_, i) => `scores.${i}`).concat(['ownerId', 'dueDate', 'pointId'])) ?? r.error} />
      {note && <div className="ok">{note}</div>}
      {DIMENSIONS.map((dim) => (
        <div key={dim}>
          <h3>{t(`assessment.dimensions.${dim}`)}</h3>
          <table>
            <thead>
              <tr>
                <th>{t('assessment.code')}</th>
                <th>{t('assessment.point')}</th>
                <th>{t('assessment.weight')}</th>
                <th>{t('assessment.figure')}</th>
                <th>{t('assessment.level')}</th>
                <th>{t('assessment.evidence')}</th>
                <th>{t('assessment.gap')}</th>
              </tr>
            </thead>
            <tbody>
              {d.points
                .filter((p) => p.dimension === dim)
                .map((p) => {
                  const v = draft[p.id] ?? { level: '', evidence: '' };
                  const idx = scoredIds.findIndex(([pid]) => Number(pid) === p.id);
                  const err = idx >= 0 ? rowError(idx) : null;
                  const gap = gapOf(p.id);
                  const gf = gapForm[p.id] ?? { ownerId: '', dueDate: '' };
                  return (
                    <tr key={p.id} data-testid={`point-${p.code}`} className={p.isGap ? 'bad' : undefined}>
                      <td>
                        <span translate="no">{p.code}</span>
                      </td>
                      <td style={{ minWidth: '12em' }}>
                        <Raw>{p.text}</Raw>
                      </td>
                      <td>{p.weight}</td>
                      <td style={{ minWidth: '6em' }}>
                        {p.figure ? (
                          <span title={t('assessment.figureMonth', { month: p.figure.month })} data-testid={`figure-${p.code}`}>
                            {t(`facts.figures.${p.figure.kpi}`)}:{' '}
                            <FactValue name={p.figure.kpi} fact={{ value: p.figure.value, source: '', reason: p.figure.reason }} />
                          </span>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        {canEdit ? (
                          <select
                            value={v.level}
                            onChange={(e) => setDraft({ ...draft, [p.id]: { ...v, level: e.target.value } })}
                            aria-label={`${p.code} ${t('assessment.level')}`}
                            data-testid={`score-${p.code}`}
                          >
                            <option value="">{t('assessment.notScored')}</option>
                            {Array.from({ length: LEVEL_COUNT }, (_, l) => (
                              <option key={l} value={String(l)}>
                                {levelLabel(checklist.levels, l)}
                              </option>
                            ))}
                            <option value="na">{t('assessment.na')}</option>
                          </select>
                        ) : !p.scored ? (
                          t('assessment.notScored')
                        ) : p.level === null ? (
                          t('assessment.na')
                        ) : (
                          <Raw>{levelLabel(checklist.levels, p.level)}</Raw>
                        )}
                        {err && <div className="bad">{err}</div>}
                      </td>
                      <td>
                        {canEdit ? (
                          <input
                            value={v.evidence}
                            onChange={(e) => setDraft({ ...draft, [p.id]: { ...v, evidence: e.target.value } })}
                            aria-label={`${p.code} ${t('assessment.evidence')}`}
                            data-testid={`evidence-${p.code}`}
                          />
                        ) : (
                          <Raw>{p.evidence}</Raw>
                        )}
                      </td>
                      <td>
                        {gap ? (
                          <span data-testid={`gap-owner-${p.code}`}>
                            <Raw>{gap.ownerName}</Raw> · {gap.dueDate} · {t(`assessment.statuses.${gap.status}`)}
                          </span>
                        ) : p.isGap && canEdit ? (
                          <span className="gap-assign">
                            <select
                              value={gf.ownerId}
                              onChange={(e) => setGapForm({ ...gapForm, [p.id]: { ...gf, ownerId: e.target.value } })}
                              aria-label={t('assessment.owner')}
                              data-testid={`gap-owner-select-${p.code}`}
                            >
                              <option value="">{t('assessment.owner')}</option>
                              {checklist.owners.map((o) => (
                                <option key={o.id} value={String(o.id)}>
                                  {o.name}
                                </option>
                              ))}
                            </select>
                            <input
                              type="date"
                              value={gf.dueDate}
                              onChange={(e) => setGapForm({ ...gapForm, [p.id]: { ...gf, dueDate: e.target.value } })}
                              aria-label={t('assessment.due')}
                              data-testid={`gap-due-${p.code}`}
                            />
                            <button onClick={() => void assign(p.id)} data-testid={`gap-assign-${p.code}`}>
                              {t('assessment.assign')}
                            </button>
                          </span>
                        ) : p.isGap ? (
                          t('assessment.gap')
                        ) : (
                          ''
                        )}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      ))}
      {(act.errorFor('ownerId') ?? act.errorFor('dueDate') ?? act.errorFor('pointId')) && (
        <div className="bad">{act.errorFor('ownerId') ?? act.errorFor('dueDate') ?? act.errorFor('pointId')}</div>
      )}
      {canEdit && (
        <div className="page-actions">
          <button onClick={() => void save()} data-testid="scores-save">
            {t('assessment.save')}
          </button>
        </div>
      )}
    </section>
  );
}

const EMPTY_POINT = { id: undefined as number | undefined, dimension: 'strategy' as (typeof DIMENSIONS)[number], text: '', weight: '1', kpi: '', active: true };

const levelsOf = (c: Checklist) => c.levels;

function ChecklistEditor({ checklist, onSaved }: { checklist: Checklist; onSaved: () => void }) {
  const { t } = useTranslation();
  const act = useAction();
  // the level names are seeded once: the checklist reloads after a point is saved, which would overwrite names being typed
  const [typed, setNames] = useStoredForm(checklist, levelsOf);
  const names = typed ?? checklist.levels;
  const [f, setF] = useState<typeof EMPTY_POINT | null>(null);
  const saveNames = () =>
    act.run(async () => {
      // the fields show the names as stored (trimmed)
      setNames((await call(contract.assessment.saveLevels, { body: { names } })).levels);
      onSaved();
    });
  const savePoint = () =>
    act.run(async () => {
      if (!f) return;
      await call(contract.assessment.savePoint, {
        body: {
          ...(f.id !== undefined ? { id: f.id } : {}),
          dimension: f.dimension,
          text: f.text,
          weight: Number(f.weight),
          kpi: f.kpi ? (f.kpi as (typeof FACT_KPIS)[number]) : null,
          active: f.active,
        },
      });
      setF(null);
      onSaved();
    });
  return (
    <section className="card">
      <h2>{t('assessment.checklist')}</h2>
      <ErrorNote error={act.errorOutside(['names', 'dimension', 'text', 'weight', 'kpi'])} />
      <h3>{t('assessment.levelNames')}</h3>
      <FieldRow>
        {names.map((n, i) => (
          <Field key={i} label={`${t('assessment.level')} ${i}`} error={act.errorFor(`names.${i}`)}>
            <input value={n} onChange={(e) => setNames(names.map((x, j) => (j === i ? e.target.value : x)))} />
          </Field>
        ))}
      </FieldRow>
      <div className="page-actions">
        <button onClick={() => void saveNames()}>{t('assessment.saveLevels')}</button>
      </div>
      <table>
        <thead>
          <tr>
            <th>{t('assessment.code')}</th>
            <th>{t('assessment.point')}</th>
            <th>{t('assessment.weight')}</th>
            <th>{t('assessment.kpi')}</th>
            <th>{t('assessment.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {checklist.points.map((p) => (
            <tr key={p.id}>
              <td>
                <span translate="no">{p.code}</span>
              </td>
              <td>
                {t(`assessment.dimensions.${p.dimension}`)} · <Raw>{p.text}</Raw>
              </td>
              <td>{p.weight}</td>
              <td>{p.kpi ? t(`facts.figures.${p.kpi}`) : '—'}</td>
              <td>{p.active ? '✓' : '—'}</td>
              <td>
                <button onClick={() => setF({ id: p.id, dimension: p.dimension, text: p.text, weight: String(p.weight), kpi: p.kpi ?? '', active: p.active })}>
                  {t('assessment.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!f && (
        <button onClick={() => setF({ ...EMPTY_POINT })} data-testid="point-add">
          {t('assessment.addPoint')}
        </button>
      )}
      {f && (
        <div className="card">
          <FieldRow>
            <Field label={t('assessment.point')} error={act.errorFor('text')} wide>
              <input value={f.text} onChange={(e) => setF({ ...f, text: e.target.value })} data-testid="point-text" />
            </Field>
            <Field label={t('assessment.weight')} error={act.errorFor('weight')}>
              <input type="number" min="0" step="0.5" value={f.weight} onChange={(e) => setF({ ...f, weight: e.target.value })} />
            </Field>
            <Field label={t('assessment.kpi')} error={act.errorFor('kpi')}>
              <select value={f.kpi} onChange={(e) => setF({ ...f, kpi: e.target.value })}>
                <option value="">{t('assessment.noKpi')}</option>
                {FACT_KPIS.map((k) => (
                  <option key={k} value={k}>
                    {t(`facts.figures.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('assessment.active')}>
              <input type="checkbox" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} />
            </Field>
          </FieldRow>
          {f.id === undefined && (
            <FieldRow>
              <Field label={t('assessment.dimension')} error={act.errorFor('dimension')}>
                <select value={f.dimension} onChange={(e) => setF({ ...f, dimension: e.target.value as (typeof DIMENSIONS)[number] })}>
                  {DIMENSIONS.map((d) => (
                    <option key={d} value={d}>
                      {t(`assessment.dimensions.${d}`)}
                    </option>
                  ))}
                </select>
              </Field>
            </FieldRow>
          )}
          <div className="page-actions">
            <button onClick={() => void savePoint()} data-testid="point-save">
              {t('assessment.savePoint')}
            </button>
            <button onClick={() => setF(null)}>{t('assessment.cancel')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
