import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { TemplateSpec } from '../../../contract/wfm';
import { TIME_OFF_KINDS } from '../../../contract/wfmTimeOff';
import type { Contract } from '../../../core/wfm/schedule';
import { AgentSelect, agentOptions, ErrorNote, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { ymd } from './util';
import { parseSkills, skillsText } from './skillsText';

const pad = (n: number) => String(n).padStart(2, '0');
/** minutes after midnight ↔ HH:MM */
const toHm = (m: number | undefined) => (m == null ? '' : `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
const fromHm = (s: string) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
const DAYS = [0, 1, 2, 3, 4, 5, 6];

type Brk = { kind: 'break' | 'meal'; durationMin: string; paid: boolean; earliestStartMin: string; latestStartMin: string };
const emptyTpl = {
  id: '',
  spanMin: '540',
  startEarliest: '08:00',
  startLatest: '10:00',
  startStepMin: '30',
  cost: '',
  days: [] as number[],
  breaks: [] as Brk[],
};

type Step = { templateIds: string[]; daysOff: number[] };
/** The contract's day rules as the form holds them (issue 15): blank = no rule. */
type RulesForm = { maxConsecutiveDays: string; minConsecutiveDaysOff: string; weekendsOffMin: string; weekendsOffWeeks: string; steps: Step[]; offset: string };
const noRules: RulesForm = { maxConsecutiveDays: '', minConsecutiveDaysOff: '', weekendsOffMin: '', weekendsOffWeeks: '', steps: [], offset: '0' };
const emptyContract = {
  minHoursWeek: '',
  maxHoursWeek: '',
  minDaysOff: '2',
  earliestStart: '07:00',
  latestStart: '14:00',
  minRestHours: '11',
  templateIds: [] as string[],
  skills: '',
  prefDaysOff: [] as number[],
  prefStart: '',
  ...noRules,
};
/** the fields the server names for the day rules, each shown under its input */
const RULE_FIELDS = ['contract.maxConsecutiveDays', 'contract.minConsecutiveDaysOff', 'contract.weekendsOff', 'contract.rotation'];

function rulesText(c: Contract): RulesForm {
  return {
    maxConsecutiveDays: c.maxConsecutiveDays == null ? '' : String(c.maxConsecutiveDays),
    minConsecutiveDaysOff: c.minConsecutiveDaysOff == null ? '' : String(c.minConsecutiveDaysOff),
    weekendsOffMin: c.weekendsOff ? String(c.weekendsOff.min) : '',
    weekendsOffWeeks: c.weekendsOff ? String(c.weekendsOff.weeks) : '',
    steps: (c.rotation?.steps ?? []).map((x) => ({ templateIds: x.templateIds ?? [], daysOff: x.daysOff ?? [] })),
    offset: String(c.rotation?.offset ?? 0),
  };
}

/** The day rules for the server; a blank field is no rule (a half-filled weekend rule is sent for the server to name the blank). */
function rulesBody(f: RulesForm): Partial<Contract> {
  const wMin = num(f.weekendsOffMin);
  const wWeeks = num(f.weekendsOffWeeks);
  return {
    ...(num(f.maxConsecutiveDays) !== undefined ? { maxConsecutiveDays: num(f.maxConsecutiveDays) } : {}),
    ...(num(f.minConsecutiveDaysOff) !== undefined ? { minConsecutiveDaysOff: num(f.minConsecutiveDaysOff) } : {}),
    ...(wMin !== undefined || wWeeks !== undefined ? { weekendsOff: { min: wMin as number, weeks: wWeeks as number } } : {}),
    ...(f.steps.length
      ? {
          rotation: {
            steps: f.steps.map((x) => ({
              ...(x.templateIds.length ? { templateIds: x.templateIds } : {}),
              ...(x.daysOff.length ? { daysOff: x.daysOff } : {}),
            })),
            offset: num(f.offset) ?? 0,
          },
        }
      : {}),
  };
}

/** A contract's day rules in a few words for the table. */
function rulesSummary(c: Contract, t: (k: string, o?: Record<string, unknown>) => string): string {
  return [
    c.maxConsecutiveDays != null ? t('wfm.rule.sumMaxRun', { n: c.maxConsecutiveDays }) : '',
    c.minConsecutiveDaysOff ? t('wfm.rule.sumOffRun', { n: c.minConsecutiveDaysOff }) : '',
    c.weekendsOff && c.weekendsOff.min > 0 ? t('wfm.rule.sumWeekends', { min: c.weekendsOff.min, weeks: c.weekendsOff.weeks }) : '',
    c.rotation?.steps.length ? t('wfm.rule.sumRotation', { n: c.rotation.steps.length }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Planner: shift templates, agent contracts with skills and preferences, and leave. */
export default function PlanData() {
  const { t } = useTranslation();
  const templates = useEndpoint(contract.wfm.templates, {});
  const contracts = useEndpoint(contract.wfm.contracts, {});
  const agents = useEndpoint(contract.platform.agents, { query: { status: 'active' } });
  const leave = useEndpoint(contract.wfm.leave, {});
  const dayName = (d: number) => t(`wfm.weekday_${d}`);

  // ---------- template editor ----------
  const [tpl, setTpl] = useState(emptyTpl);
  const te = useAction();
  const editTpl = (x: TemplateSpec) =>
    setTpl({
      id: x.id,
      spanMin: String(x.spanMin),
      startEarliest: toHm(x.startEarliestMin),
      startLatest: toHm(x.startLatestMin),
      startStepMin: String(x.startStepMin),
      cost: x.costPerPaidHour == null ? '' : String(x.costPerPaidHour),
      days: x.days ?? [],
      breaks: x.breaks.map((b) => ({
        kind: b.kind,
        durationMin: String(b.durationMin),
        paid: b.paid,
        earliestStartMin: String(b.earliestStartMin),
        latestStartMin: String(b.latestStartMin),
      })),
    });
  const saveTpl = () =>
    te.run(async () => {
      await call(contract.wfm.putTemplate, {
        body: {
          id: tpl.id.trim(),
          spanMin: Number(tpl.spanMin),
          startEarliestMin: fromHm(tpl.startEarliest),
          startLatestMin: fromHm(tpl.startLatest),
          startStepMin: Number(tpl.startStepMin),
          ...(num(tpl.cost) !== undefined ? { costPerPaidHour: num(tpl.cost) } : {}),
          ...(tpl.days.length ? { days: tpl.days } : {}),
          breaks: tpl.breaks.map((b) => ({
            kind: b.kind,
            durationMin: Number(b.durationMin),
            paid: b.paid,
            earliestStartMin: Number(b.earliestStartMin),
            latestStartMin: Number(b.latestStartMin),
          })),
        },
      });
      await templates.reload();
    });
  const setBrk = (i: number, p: Partial<Brk>) => setTpl({ ...tpl, breaks: tpl.breaks.map((b, j) => (j === i ? { ...b, ...p } : b)) });
  const tplFields = [
    'id',
    'spanMin',
    'startEarliestMin',
    'startLatestMin',
    'startStepMin',
    'costPerPaidHour',
    ...tpl.breaks.flatMap((_, i) => [`breaks.${i}.kind`, `breaks.${i}.durationMin`, `breaks.${i}.earliestStartMin`, `breaks.${i}.latestStartMin`]),
  ];

  // ---------- contract editor ----------
  const [agentId, setAgentId] = useState<number | null>(null);
  const [ct, setCt] = useState(emptyContract);
  const ce = useAction();
  const pickAgent = (id: number) => {
    setAgentId(id);
    ce.clear();
    const c = (contracts.data ?? []).find((x) => x.agentId === id);
    if (!c) return setCt(emptyContract);
    setCt({
      minHoursWeek: String(c.contract.minHoursWeek),
      maxHoursWeek: String(c.contract.maxHoursWeek),
      minDaysOff: String(c.contract.minDaysOff),
      earliestStart: toHm(c.contract.earliestStartMin),
      latestStart: toHm(c.contract.latestStartMin),
      minRestHours: c.contract.minRestHours == null ? '' : String(c.contract.minRestHours),
      templateIds: c.contract.templateIds ?? [],
      skills: skillsText(c.skills ?? [], c.skillLevels),
      prefDaysOff: c.preferences?.daysOff ?? [],
      prefStart: toHm(c.preferences?.startMin),
      ...rulesText(c.contract),
    });
  };
  /** A whole-number field of the contract's day rules (days in a row, days off in a row, weekends off K of N). */
  const dayRule = (k: 'maxConsecutiveDays' | 'minConsecutiveDaysOff' | 'weekendsOffMin' | 'weekendsOffWeeks') => (
    <input name={k} inputMode="numeric" size={4} value={ct[k]} onChange={(e) => setCt({ ...ct, [k]: e.target.value })} />
  );
  const saveContract = () =>
    ce.run(async () => {
      if (!agentId) throw new Error(t('wfm.pickAgent'));
      const prefStart = ct.prefStart.trim() ? fromHm(ct.prefStart) : undefined;
      await call(contract.wfm.putContract, {
        params: { id: agentId },
        body: {
          contract: {
            minHoursWeek: Number(ct.minHoursWeek),
            maxHoursWeek: Number(ct.maxHoursWeek),
            minDaysOff: Number(ct.minDaysOff),
            earliestStartMin: fromHm(ct.earliestStart),
            latestStartMin: fromHm(ct.latestStart),
            ...(num(ct.minRestHours) !== undefined ? { minRestHours: num(ct.minRestHours) } : {}),
            ...(ct.templateIds.length ? { templateIds: ct.templateIds } : {}),
            ...rulesBody(ct),
          },
          ...parseSkills(ct.skills),
          preferences: { ...(ct.prefDaysOff.length ? { daysOff: ct.prefDaysOff } : {}), ...(prefStart !== undefined ? { startMin: prefStart } : {}) },
        },
      });
      await contracts.reload();
    });
  const ctFields = [
    'contract.minHoursWeek',
    'contract.maxHoursWeek',
    'contract.minDaysOff',
    'contract.earliestStartMin',
    'contract.latestStartMin',
    'contract.minRestHours',
    ...RULE_FIELDS,
    'preferences.startMin',
    'skills',
    'skillLevels',
  ];
  const ctInput = (k: 'minHoursWeek' | 'maxHoursWeek' | 'minDaysOff' | 'minRestHours', field: string) => (
    <Field label={t(`wfm.${k}`)} error={ce.errorFor(field)}>
      <input name={k} value={ct[k]} inputMode="decimal" size={6} onChange={(e) => setCt({ ...ct, [k]: e.target.value })} />
    </Field>
  );

  // ---------- leave ----------
  const [lv, setLv] = useState({ agentId: '', date: ymd(Date.now()), kind: 'annual' });
  const le = useAction();
  const addLeave = () =>
    le.run(async () => {
      await call(contract.wfm.addLeave, { body: { agentId: Number(lv.agentId), date: lv.date, kind: lv.kind } });
      await leave.reload();
    });
  const toggle = (xs: number[], d: number) => (xs.includes(d) ? xs.filter((x) => x !== d) : [...xs, d].sort());
  const toggleStr = (xs: string[], v: string) => (xs.includes(v) ? xs.filter((x) => x !== v) : [...xs, v]);
  const setStep = (k: number, p: Partial<Step>) => setCt({ ...ct, steps: ct.steps.map((x, j) => (j === k ? { ...x, ...p } : x)) });
  const names = new Map((agents.data ?? []).map((a) => [a.id, a.name]));

  return (
    <Page title={t('nav.planData')}>
      <ErrorNote error={templates.error ?? contracts.error ?? agents.error} />
      <h3>{t('wfm.templates')}</h3>
      <table data-testid="templates-table">
        <thead>
          <tr>
            <th>{t('wfm.code')}</th>
            <th>{t('wfm.spanMin')}</th>
            <th>{t('wfm.startWindow')}</th>
            <th>{t('wfm.breaks')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(templates.data ?? []).map((x) => (
            <tr key={x.id}>
              <td>{x.id}</td>
              <td>{x.spanMin}</td>
              <td>
                {toHm(x.startEarliestMin)}–{toHm(x.startLatestMin)} / {x.startStepMin}′
              </td>
              <td>{x.breaks.map((b) => `${t(`wfm.${b.kind}`)} ${b.durationMin}′`).join(', ')}</td>
              <td>
                <button onClick={() => editTpl(x)}>{t('wfm.edit')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-row" data-testid="template-form">
        <Field label={t('wfm.code')} error={te.errorFor('id')}>
          <input name="id" value={tpl.id} size={8} onChange={(e) => setTpl({ ...tpl, id: e.target.value })} />
        </Field>
        <Field label={t('wfm.spanMin')} error={te.errorFor('spanMin')}>
          <input name="spanMin" value={tpl.spanMin} size={5} onChange={(e) => setTpl({ ...tpl, spanMin: e.target.value })} />
        </Field>
        <Field label={t('wfm.startEarliest')} error={te.errorFor('startEarliestMin')}>
          <input type="time" name="startEarliestMin" value={tpl.startEarliest} onChange={(e) => setTpl({ ...tpl, startEarliest: e.target.value })} />
        </Field>
        <Field label={t('wfm.startLatest')} error={te.errorFor('startLatestMin')}>
          <input type="time" name="startLatestMin" value={tpl.startLatest} onChange={(e) => setTpl({ ...tpl, startLatest: e.target.value })} />
        </Field>
        <Field label={t('wfm.startStepMin')} error={te.errorFor('startStepMin')}>
          <input name="startStepMin" value={tpl.startStepMin} size={4} onChange={(e) => setTpl({ ...tpl, startStepMin: e.target.value })} />
        </Field>
        <Field label={t('wfm.costPerPaidHour')} error={te.errorFor('costPerPaidHour')}>
          <input name="costPerPaidHour" value={tpl.cost} size={5} onChange={(e) => setTpl({ ...tpl, cost: e.target.value })} />
        </Field>
        <fieldset>
          <legend>{t('wfm.tplDays')}</legend>
          {DAYS.map((d) => (
            <label key={d}>
              <input type="checkbox" checked={tpl.days.includes(d)} onChange={() => setTpl({ ...tpl, days: toggle(tpl.days, d) })} />
              {dayName(d)}
            </label>
          ))}
        </fieldset>
      </div>
      {tpl.breaks.map((b, i) => (
        <div className="form-row" key={i} data-testid={`break-${i}`}>
          <Field label={t('wfm.breakKind')} error={te.errorFor(`breaks.${i}.kind`)}>
            <select name={`breaks.${i}.kind`} value={b.kind} onChange={(e) => setBrk(i, { kind: e.target.value as Brk['kind'] })}>
              <option value="break">{t('wfm.break')}</option>
              <option value="meal">{t('wfm.meal')}</option>
            </select>
          </Field>
          <Field label={t('wfm.durationMin')} error={te.errorFor(`breaks.${i}.durationMin`)}>
            <input name={`breaks.${i}.durationMin`} value={b.durationMin} size={4} onChange={(e) => setBrk(i, { durationMin: e.target.value })} />
          </Field>
          <Field label={t('wfm.breakEarliest')} error={te.errorFor(`breaks.${i}.earliestStartMin`)}>
            <input
              name={`breaks.${i}.earliestStartMin`}
              value={b.earliestStartMin}
              size={4}
              onChange={(e) => setBrk(i, { earliestStartMin: e.target.value })}
            />
          </Field>
          <Field label={t('wfm.breakLatest')} error={te.errorFor(`breaks.${i}.latestStartMin`)}>
            <input name={`breaks.${i}.latestStartMin`} value={b.latestStartMin} size={4} onChange={(e) => setBrk(i, { latestStartMin: e.target.value })} />
          </Field>
          <label>
            <input type="checkbox" checked={b.paid} onChange={(e) => setBrk(i, { paid: e.target.checked })} />
            {t('wfm.paid')}
          </label>
          <button onClick={() => setTpl({ ...tpl, breaks: tpl.breaks.filter((_, j) => j !== i) })}>{t('wfm.remove')}</button>
        </div>
      ))}
      <div className="form-row">
        <button
          onClick={() =>
            setTpl({ ...tpl, breaks: [...tpl.breaks, { kind: 'break', durationMin: '15', paid: true, earliestStartMin: '60', latestStartMin: '180' }] })
          }
        >
          {t('wfm.addBreak')}
        </button>
        <button data-testid="save-template" onClick={saveTpl}>
          {t('wfm.saveTemplate')}
        </button>
        <button onClick={() => setTpl(emptyTpl)}>{t('wfm.newTemplate')}</button>
      </div>
      <ErrorNote error={te.errorOutside(tplFields)} />

      <h3>{t('wfm.contracts')}</h3>
      <table data-testid="contracts-table">
        <thead>
          <tr>
            <th>{t('wfm.agent')}</th>
            <th>{t('wfm.hoursWeek')}</th>
            <th>{t('wfm.minDaysOff')}</th>
            <th>{t('wfm.startWindow')}</th>
            <th>{t('wfm.skills')}</th>
            <th>{t('wfm.preferences')}</th>
            <th>{t('wfm.rule.title')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(agents.data ?? []).map((a) => {
            const c = (contracts.data ?? []).find((x) => x.agentId === a.id);
            return (
              <tr key={a.id} data-agent={a.name}>
                <td>{a.name}</td>
                <td>{c ? `${c.contract.minHoursWeek}–${c.contract.maxHoursWeek}` : '—'}</td>
                <td>{c?.contract.minDaysOff ?? '—'}</td>
                <td>{c ? `${toHm(c.contract.earliestStartMin)}–${toHm(c.contract.latestStartMin)}` : '—'}</td>
                <td>
                  <Raw>{c ? skillsText(c.skills, c.skillLevels) : undefined}</Raw>
                </td>
                <td>{c ? [(c.preferences.daysOff ?? []).map(dayName).join(' '), toHm(c.preferences.startMin)].filter(Boolean).join(' · ') : ''}</td>
                <td data-testid="contract-rules">{c ? rulesSummary(c.contract, t) : ''}</td>
                <td>
                  {/* the stored contract must be in before its form opens (else a save would drop its fields) */}
                  <button disabled={!contracts.data} onClick={() => pickAgent(a.id)}>
                    {t('wfm.edit')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {agentId && (
        <div data-testid="contract-form">
          <h4>{names.get(agentId)}</h4>
          <div className="form-row">
            {ctInput('minHoursWeek', 'contract.minHoursWeek')}
            {ctInput('maxHoursWeek', 'contract.maxHoursWeek')}
            {ctInput('minDaysOff', 'contract.minDaysOff')}
            {ctInput('minRestHours', 'contract.minRestHours')}
            <Field label={t('wfm.earliestStart')} error={ce.errorFor('contract.earliestStartMin')}>
              <input type="time" name="earliestStartMin" value={ct.earliestStart} onChange={(e) => setCt({ ...ct, earliestStart: e.target.value })} />
            </Field>
            <Field label={t('wfm.latestStart')} error={ce.errorFor('contract.latestStartMin')}>
              <input type="time" name="latestStartMin" value={ct.latestStart} onChange={(e) => setCt({ ...ct, latestStart: e.target.value })} />
            </Field>
          </div>
          <div className="form-row">
            <fieldset>
              <legend>{t('wfm.allowedTemplates')}</legend>
              {(templates.data ?? []).map((x) => (
                <label key={x.id}>
                  <input
                    type="checkbox"
                    checked={ct.templateIds.includes(x.id)}
                    onChange={() =>
                      setCt({ ...ct, templateIds: ct.templateIds.includes(x.id) ? ct.templateIds.filter((y) => y !== x.id) : [...ct.templateIds, x.id] })
                    }
                  />
                  {x.id}
                </label>
              ))}
            </fieldset>
            <Field label={t('wfm.skills')} error={ce.errorFor('skills') ?? ce.errorFor('skillLevels')} hint={t('wfm.skillsHint')}>
              <input name="skills" value={ct.skills} onChange={(e) => setCt({ ...ct, skills: e.target.value })} />
            </Field>
          </div>
          <h4>{t('wfm.rule.title')}</h4>
          <FieldRow>
            <Field label={t('wfm.rule.maxConsecutiveDays')} error={ce.errorFor('contract.maxConsecutiveDays')} hint={t('wfm.rule.maxConsecutiveDaysHint')}>
              {dayRule('maxConsecutiveDays')}
            </Field>
            <Field
              label={t('wfm.rule.minConsecutiveDaysOff')}
              error={ce.errorFor('contract.minConsecutiveDaysOff')}
              hint={t('wfm.rule.minConsecutiveDaysOffHint')}
            >
              {dayRule('minConsecutiveDaysOff')}
            </Field>
            <Field
              label={t('wfm.rule.weekendsOffMin')}
              error={ce.errorFor('contract.weekendsOff.min') ?? ce.errorAt('contract.weekendsOff')}
              hint={t('wfm.rule.weekendsOffHint')}
            >
              {dayRule('weekendsOffMin')}
            </Field>
            <Field label={t('wfm.rule.weekendsOffWeeks')} error={ce.errorFor('contract.weekendsOff.weeks')}>
              {dayRule('weekendsOffWeeks')}
            </Field>
          </FieldRow>
          <Field
            label={t('wfm.rule.rotation')}
            error={ce.errorAt('contract.rotation') ?? ce.errorFor('contract.rotation.steps') ?? ce.errorFor('contract.rotation.offset')}
            hint={t('wfm.rule.rotationHint')}
            group
            wide
          >
            <div data-testid="rotation">
              {ct.steps.map((st, k) => (
                <div key={k} className="form-row" data-testid={`rotation-step-${k}`}>
                  <Field label={t('wfm.rule.rotationWeek', { n: k + 1 })} error={ce.errorFor(`contract.rotation.steps.${k}`)} group>
                    <fieldset className="plain">
                      <span className="field-hint">{t('wfm.rule.stepTemplates')}</span>{' '}
                      {(templates.data ?? []).map((x) => (
                        <label key={x.id}>
                          <input
                            type="checkbox"
                            name={`rotation.${k}.template.${x.id}`}
                            checked={st.templateIds.includes(x.id)}
                            onChange={() => setStep(k, { templateIds: toggleStr(st.templateIds, x.id) })}
                          />
                          <Raw>{x.id}</Raw>
                        </label>
                      ))}
                    </fieldset>
                    <fieldset className="plain">
                      <span className="field-hint">{t('wfm.rule.stepDaysOff')}</span>{' '}
                      {DAYS.map((d) => (
                        <label key={d}>
                          <input
                            type="checkbox"
                            name={`rotation.${k}.off.${d}`}
                            checked={st.daysOff.includes(d)}
                            onChange={() => setStep(k, { daysOff: toggle(st.daysOff, d) })}
                          />
                          {dayName(d)}
                        </label>
                      ))}
                    </fieldset>
                  </Field>
                  <button onClick={() => setCt({ ...ct, steps: ct.steps.filter((_, j) => j !== k) })}>{t('wfm.remove')}</button>
                </div>
              ))}
              <div className="form-row">
                <button data-testid="add-rotation-week" onClick={() => setCt({ ...ct, steps: [...ct.steps, { templateIds: [], daysOff: [] }] })}>
                  {t('wfm.rule.addRotationWeek')}
                </button>
                {ct.steps.length > 0 && (
                  <Field label={t('wfm.rule.rotationOffset')} error={ce.errorFor('contract.rotation.offset')} hint={t('wfm.rule.rotationOffsetHint')}>
                    <input name="rotationOffset" inputMode="numeric" size={4} value={ct.offset} onChange={(e) => setCt({ ...ct, offset: e.target.value })} />
                  </Field>
                )}
              </div>
            </div>
          </Field>
          <div className="form-row">
            <fieldset>
              <legend>{t('wfm.prefDaysOff')}</legend>
              {DAYS.map((d) => (
                <label key={d}>
                  <input type="checkbox" checked={ct.prefDaysOff.includes(d)} onChange={() => setCt({ ...ct, prefDaysOff: toggle(ct.prefDaysOff, d) })} />
                  {dayName(d)}
                </label>
              ))}
            </fieldset>
            <Field label={t('wfm.prefStart')} error={ce.errorFor('preferences.startMin')}>
              <input type="time" name="prefStart" value={ct.prefStart} onChange={(e) => setCt({ ...ct, prefStart: e.target.value })} />
            </Field>
            <button data-testid="save-contract" onClick={saveContract}>
              {t('wfm.saveContract')}
            </button>
          </div>
          <ErrorNote error={ce.errorOutside(ctFields)} />
        </div>
      )}

      <h3>{t('wfm.leave')}</h3>
      <div className="form-row" data-testid="leave-form">
        <Field label={t('wfm.agent')} error={le.errorFor('agentId')}>
          <AgentSelect name="agentId" value={lv.agentId} options={agentOptions(agents.data)} none="—" onChange={(agentId) => setLv({ ...lv, agentId })} />
        </Field>
        <Field label={t('wfm.date')} error={le.errorFor('date')}>
          <input type="date" name="date" value={lv.date} onChange={(e) => setLv({ ...lv, date: e.target.value })} />
        </Field>
        <Field label={t('wfm.leaveKind')} error={le.errorFor('kind')}>
          <select name="kind" value={lv.kind} onChange={(e) => setLv({ ...lv, kind: e.target.value })}>
            {TIME_OFF_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`timeOff.kind_${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <button data-testid="add-leave" onClick={addLeave}>
          {t('wfm.addLeave')}
        </button>
      </div>
      <ErrorNote error={le.errorOutside(['agentId', 'date', 'kind'])} />
      <table data-testid="leave-table">
        <thead>
          <tr>
            <th>{t('wfm.agent')}</th>
            <th>{t('wfm.date')}</th>
            <th>{t('wfm.leaveKind')}</th>
          </tr>
        </thead>
        <tbody>
          {(leave.data ?? []).map((l) => (
            <tr key={l.id}>
              <td>
                <Raw>{l.name}</Raw>
              </td>
              <td>{l.date}</td>
              {/* a kind of the app's list in words; one typed through the API as stored */}
              <td>{(TIME_OFF_KINDS as readonly string[]).includes(l.kind) ? t(`timeOff.kind_${l.kind}`) : <Raw>{l.kind}</Raw>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
