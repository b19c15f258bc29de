import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { contract } from '../../../contract/index';
import { NOTE_KINDS } from '../../../contract/peopleWire';
import { useAction, useEndpoint } from '../../hooks';
import { Chart } from '../../components/Chart';
import { AgentSelect, ErrorNote, Figure, Page } from '../../components/ui';
import { MOOD_FACE, TeamPicker, fmtTime, todayLocal } from './common';

/** The lead's team mood board, emotion cycles, care prompts and 1-to-1 / praise / correction notes. */
export default function MoodBoard() {
  const { t } = useTranslation();
  const [teamId, setTeamId] = useState<number | null>(null);
  const [date, setDate] = useState(todayLocal());
  const board = useEndpoint(contract.people.moodBoard, teamId ? { query: { teamId, date } } : null);
  const cycles = useEndpoint(contract.people.moodCycles, teamId ? { query: { teamId } } : null);
  const prompts = useEndpoint(contract.people.carePrompts, teamId ? { query: { teamId } } : null);
  const notes = useEndpoint(contract.people.notes, teamId ? { query: { teamId } } : null);
  const [form, setForm] = useState<{ kind: (typeof NOTE_KINDS)[number]; agentId: string; text: string; followUp: string; followUpOn: string }>({
    kind: 'lead_private',
    agentId: '',
    text: '',
    followUp: '',
    followUpOn: '',
  });
  const { error, run } = useAction();
  const wd = [1, 2, 3, 4, 5, 6, 7];
  const cyc = cycles.data?.[0];
  const cycleOption = useMemo(
    () => ({
      tooltip: {},
      grid: [
        { left: 40, right: '55%', top: 30, bottom: 30 },
        { left: '55%', right: 10, top: 30, bottom: 30 },
      ],
      title: [
        { text: t('ppl.mood.byWeekday'), textStyle: { fontSize: 13 } },
        { text: t('ppl.mood.byMonthBand'), left: '55%', textStyle: { fontSize: 13 } },
      ],
      xAxis: [
        { type: 'category' as const, data: wd.map((d) => t(`ppl.mood.wd${d}`)), gridIndex: 0 },
        { type: 'category' as const, data: Object.keys(cyc?.byMonthBand ?? {}), gridIndex: 1 },
      ],
      yAxis: [
        { type: 'value' as const, min: 1, max: 5, gridIndex: 0 },
        { type: 'value' as const, min: 1, max: 5, gridIndex: 1 },
      ],
      series: [
        { type: 'bar' as const, name: t('ppl.mood.average'), data: wd.map((d) => cyc?.byWeekday[d]?.average ?? null), xAxisIndex: 0, yAxisIndex: 0 },
        {
          type: 'bar' as const,
          name: t('ppl.mood.average'),
          data: Object.values(cyc?.byMonthBand ?? {}).map((c) => c.average),
          xAxisIndex: 1,
          yAxisIndex: 1,
        },
      ],
    }),
    [cyc, t],
  );
  const distOption = useMemo(
    () => ({
      tooltip: {},
      xAxis: { type: 'category' as const, data: [1, 2, 3, 4, 5].map((m) => `${MOOD_FACE[m]} ${t(`ppl.mood.${m}`)}`) },
      yAxis: { type: 'value' as const, minInterval: 1 },
      series: [{ type: 'bar' as const, data: board.data?.distribution ?? [] }],
    }),
    [board.data, t],
  );
  const b = board.data;
  return (
    <Page title={t('ppl.nav.mood')}>
      <div className="form-row">
        <TeamPicker value={teamId} onChange={setTeamId} />
        <label>
          {t('ppl.date')} <input type="date" aria-label={t('ppl.date')} value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
      </div>
      <ErrorNote error={error ?? board.error} />
      {b && (
        <>
          <div className="cards">
            <div className="card">
              <div className="kpi-label">{t('ppl.mood.checkedIn')}</div>
              <div className="kpi" data-testid="checked-in">
                {b.checkedIn} / {b.members.length}
              </div>
            </div>
            <div className="card">
              <div className="kpi-label">{t('ppl.mood.average')}</div>
              <div className="kpi" data-testid="mood-average">
                <Figure value={b.average} />
              </div>
            </div>
            <div className="card">
              <div className="kpi-label">{t('ppl.mood.low')}</div>
              <div className="kpi">{b.low.length}</div>
            </div>
          </div>
          <div className="two-col">
            <table data-testid="mood-board">
              <thead>
                <tr>
                  <th>{t('ppl.agent')}</th>
                  <th>{t('ppl.mood.value')}</th>
                  <th>{t('ppl.note')}</th>
                </tr>
              </thead>
              <tbody>
                {b.members.map((m) => (
                  <tr key={m.agentId} className={b.low.includes(m.agentId) ? 'bad' : ''}>
                    <td>{m.name}</td>
                    <td>{m.mood == null ? <span className="missing">{t('ppl.mood.missing')}</span> : `${MOOD_FACE[m.mood]} ${t(`ppl.mood.${m.mood}`)}`}</td>
                    <td>{m.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="card">
              <h3>{t('ppl.mood.distribution')}</h3>
              <Chart option={distOption} height={220} testId="mood-distribution" />
            </div>
          </div>
        </>
      )}
      <div className="card">
        <h2>{t('ppl.mood.cycles')}</h2>
        <Chart option={cycleOption} height={260} testId="mood-cycles" />
      </div>
      <div className="card">
        <h2>{t('ppl.mood.prompts')}</h2>
        {(prompts.data ?? []).length === 0 && <p className="hint">{t('ppl.none')}</p>}
        <ul className="plain" data-testid="care-prompts">
          {(prompts.data ?? []).map((p, i) => (
            <li key={i}>
              ⚠ {p.agentName}: {p.reason}
            </li>
          ))}
        </ul>
      </div>
      <fieldset className="form-grid" data-testid="note-form">
        <legend>{t('ppl.notes.title')}</legend>
        <label>
          {t('ppl.notes.kind')}
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as (typeof NOTE_KINDS)[number] })}>
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ppl.notes.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ppl.agent')}
          <AgentSelect
            value={form.agentId}
            options={(b?.members ?? []).map((m) => ({ id: m.agentId, label: m.name }))}
            none="—"
            onChange={(agentId) => setForm({ ...form, agentId })}
          />
        </label>
        <label>
          {t('ppl.notes.text')}
          <input value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        </label>
        <label>
          {t('ppl.notes.followUp')}
          <input value={form.followUp} onChange={(e) => setForm({ ...form, followUp: e.target.value })} />
        </label>
        <label>
          {t('ppl.notes.followUpOn')}
          <input type="date" value={form.followUpOn} onChange={(e) => setForm({ ...form, followUpOn: e.target.value })} />
        </label>
        <button
          onClick={() =>
            run(async () => {
              await call(contract.people.addNote, {
                body: {
                  kind: form.kind,
                  agentId: Number(form.agentId),
                  text: form.text,
                  followUp: form.followUp || undefined,
                  followUpOn: form.followUpOn || undefined,
                },
              });
              setForm({ ...form, text: '', followUp: '', followUpOn: '' });
              await notes.reload();
            })
          }
        >
          {t('ppl.notes.add')}
        </button>
      </fieldset>
      <table>
        <thead>
          <tr>
            <th>{t('ppl.when')}</th>
            <th>{t('ppl.notes.kind')}</th>
            <th>{t('ppl.agent')}</th>
            <th>{t('ppl.notes.text')}</th>
            <th>{t('ppl.notes.followUp')}</th>
          </tr>
        </thead>
        <tbody>
          {(notes.data ?? []).map((n) => (
            <tr key={n.id}>
              <td>{fmtTime(n.at)}</td>
              <td>{t(`ppl.notes.${n.kind}`)}</td>
              <td>{n.agent_name}</td>
              <td>{n.text}</td>
              <td>
                {n.follow_up ?? ''} {n.follow_up_on ?? ''}{' '}
                {n.follow_up && !n.follow_up_done ? (
                  <button
                    className="secondary"
                    onClick={() =>
                      run(async () => {
                        await call(contract.people.noteDone, { params: { id: n.id } });
                        await notes.reload();
                      })
                    }
                  >
                    {t('ppl.notes.done')}
                  </button>
                ) : n.follow_up ? (
                  '✓'
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
