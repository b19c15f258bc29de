import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { centerToday, fmtClock } from '../../format';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { SquadWire } from '../../../contract/peer';
import { SQUAD_LOG_KINDS, type SquadLogKind } from '../../../core/peer/index';
import { AgentSelect, ErrorNote, Loading, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { useMe } from '../../session';
import { SquadReports } from './SquadReports';
import { SquadFiguresTable } from './SquadFigures';

/**
 * A squad leader's part of the lead's routine (小队长, issue 17): the squad's figures today and its members'
 * live tiles, coaching and listening entries about the members, and the squad's post-shift report.
 */
export default function Squad() {
  const { t } = useTranslation();
  const me = useMe();
  const squads = useEndpoint(contract.peer.squads, {});
  const squad = (squads.data ?? []).find((s) => me.squadIds?.includes(s.id));
  return (
    <Page title={t('squad.nav')}>
      <ErrorNote error={squads.error} />
      {!squads.data ? (
        <Loading />
      ) : squad ? (
        <>
          <p className="hint">{t('squad.hint', { name: squad.name })}</p>
          <Figures squad={squad} />
          <Log squad={squad} />
          <Report squad={squad} />
        </>
      ) : null}
    </Page>
  );
}

function Figures({ squad }: { squad: SquadWire }) {
  const { t } = useTranslation();
  const day = centerToday();
  const figs = useEndpoint(contract.peer.squadFigures, { params: { id: squad.id }, query: { day } });
  const live = useEndpoint(contract.peer.squadLive, { params: { id: squad.id } });
  return (
    <section className="card" data-testid="squad-today">
      <h2>{t('squad.figures')}</h2>
      <ErrorNote error={figs.error ?? live.error} />
      {figs.data && <SquadFiguresTable head={day} agents={figs.data.agents} total={figs.data.total} testId="squad-day-figures" />}
      <h3>{t('squad.live')}</h3>
      {live.data && !live.data.running && <p className="hint">{t('squad.liveOff')}</p>}
      <ul className="plain" data-testid="squad-live">
        {(live.data?.agents ?? []).map((a) => (
          <li key={a.code}>
            <Raw>{a.name}</Raw> · {t(`live.state.${a.state}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Log({ squad }: { squad: SquadWire }) {
  const { t } = useTranslation();
  const log = useEndpoint(contract.people.shiftLog, { query: { teamId: squad.teamId } });
  const act = useAction();
  const [f, setF] = useState<{ kind: SquadLogKind; agentId: number; text: string }>({ kind: 'coaching', agentId: squad.memberIds[0] ?? 0, text: '' });
  const names = new Map(squad.memberIds.map((id, i) => [id, squad.memberNames[i]!]));
  names.set(squad.leaderAgentId, squad.leaderName);
  return (
    <section className="card" data-testid="squad-log">
      <h2>{t('squad.log')}</h2>
      <ErrorNote error={log.error} />
      {log.data && log.data.length === 0 && <p className="hint">{t('squad.noLog')}</p>}
      <ul className="plain">
        {(log.data ?? []).map((l) => (
          <li key={l.id}>
            {fmtClock(l.at)} [{t(`ppl.routine.kind.${l.kind}`)}] <Raw>{l.agent_id != null ? (names.get(l.agent_id) ?? '') : ''}</Raw> <Raw>{l.text}</Raw>
            {l.author_name ? (
              <>
                {' '}
                · <Raw>{l.author_name}</Raw>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <form
        data-testid="squad-log-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(async () => {
            await call(contract.people.addLogEntry, { body: { teamId: squad.teamId, kind: f.kind, agentId: f.agentId || null, text: f.text } });
            setF({ ...f, text: '' });
            await log.reload();
          });
        }}
      >
        <ErrorNote error={act.errorOutside(['kind', 'agentId', 'text'])} />
        <FieldRow>
          <Field label={t('ppl.notes.kind')} error={act.errorFor('kind')}>
            <select name="kind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as SquadLogKind })}>
              {SQUAD_LOG_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`squad.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('squad.member')} error={act.errorFor('agentId')}>
            <AgentSelect
              name="agentId"
              value={f.agentId}
              options={squad.memberIds.map((id, i) => ({ id, label: squad.memberNames[i] ?? '' }))}
              onChange={(agentId) => setF({ ...f, agentId })}
            />
          </Field>
          <Field label={t('squad.text')} error={act.errorFor('text')}>
            <input name="text" value={f.text} onChange={(e) => setF({ ...f, text: e.target.value })} />
          </Field>
        </FieldRow>
        <button type="submit">{t('squad.add')}</button>
      </form>
    </section>
  );
}

function Report({ squad }: { squad: SquadWire }) {
  const { t } = useTranslation();
  const act = useAction();
  const [notes, setNotes] = useState('');
  const [version, setVersion] = useState(0);
  return (
    <section className="card" data-testid="squad-report">
      <h2>{t('squad.report')}</h2>
      <form
        data-testid="squad-report-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(async () => {
            const lines = notes
              .split('\n')
              .map((n) => n.trim())
              .filter(Boolean);
            await call(contract.peer.sendSquadReport, { params: { id: squad.id }, body: { notes: lines } });
            setNotes('');
            setVersion((v) => v + 1);
          });
        }}
      >
        <ErrorNote error={act.errorOutside(['notes', 'date'])} />
        <Field label={t('squad.notes')} error={act.errorFor('notes') ?? act.errorFor('date')}>
          <textarea name="notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        <button type="submit">{t('squad.send')}</button>
      </form>
      <SquadReports key={version} />
    </section>
  );
}
