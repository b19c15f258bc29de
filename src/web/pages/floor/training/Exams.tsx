import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAction, useEndpoint } from '../../../hooks';
import { contract } from '../../../../contract/index';
import type { StartedAttempt } from '../../../../contract/peopleTraining';
import { ErrorNote, Raw } from '../../../components/ui';
import { RowActions } from '../../setup/shared';
import { fmtTime } from '../common';
import { ExamForm } from './ExamForm';
import { Field, FieldRow } from '../../../components/form';
import type { ResponseOf } from '../../../../contract/endpoint';

/** A mark as typed; an empty one goes as null so the server answers "required" next to it (0 would be a mark). */
const typed = (s: string | undefined) => (s?.trim() ? Number(s) : (null as unknown as number));
type Pending = ResponseOf<typeof contract.training.pendingMarking>[number];

/** One attempt's short answers to mark, each mark next to the answer with its bound and the server's refusal. */
function MarkForm({ p, onMarked }: { p: Pending; onMarked: () => void }) {
  const { t } = useTranslation();
  const [marks, setMarks] = useState<Record<string, string>>({});
  const act = useAction();
  const open = p.result?.pendingManual ?? [];
  const maxOf = (qid: string) => p.result?.marks.find((m) => m.questionId === qid)?.max ?? 0;
  const save = () =>
    act.run(async () => {
      await call(contract.training.markAttempt, { params: { id: p.id }, body: { marks: Object.fromEntries(open.map((qid) => [qid, typed(marks[qid])])) } });
      onMarked();
    });
  return (
    <div data-mark-attempt={p.id}>
      <h3>
        {p.agent_name} · {p.title}
      </h3>
      {open.map((qid, i) => (
        <FieldRow key={qid}>
          <div className="field field-wide">
            <span className="field-label">{t('trn.mark.answer')}</span>
            <blockquote>{String(p.answers[qid] ?? '')}</blockquote>
          </div>
          <Field label={t('trn.mark.of', { n: i + 1, max: maxOf(qid) })} error={act.errorFor(`marks.${qid}`)}>
            <input name={`mark-${i + 1}`} type="number" value={marks[qid] ?? ''} onChange={(e) => setMarks({ ...marks, [qid]: e.target.value })} />
          </Field>
        </FieldRow>
      ))}
      <ErrorNote error={act.errorOutside(['marks'])} />
      <button onClick={() => void save()}>{t('ppl.train.mark')}</button>
    </div>
  );
}

type ExamWire = ResponseOf<typeof contract.training.exams>[number];

/** A refusal shown under its input inside a table cell. */
const CellError = ({ text }: { text: string | null }) =>
  text ? (
    <span className="field-error" role="alert">
      {text}
    </span>
  ) : null;

/** One exam: agents start it; trainers change its attempts limit and cool-down (refusals under the inputs) and release its marks. */
function ExamRow({
  e,
  isAgent,
  isTrainer,
  onStart,
  onChanged,
  onEdit,
}: {
  e: ExamWire;
  isAgent: boolean;
  isTrainer: boolean;
  onStart: (a: StartedAttempt) => void;
  onChanged: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const [lim, setLim] = useState({ maxAttempts: String(e.maxAttempts), cooldownHours: String(e.cooldownHours) });
  const act = useAction();
  const saveLimits = () =>
    act.run(async () => {
      await call(contract.training.updateExam, {
        params: { id: e.id },
        body: { maxAttempts: typed(lim.maxAttempts), cooldownHours: typed(lim.cooldownHours) },
      });
      onChanged();
    });
  return (
    <tr data-exam-row={e.id}>
      <td>
        <Raw>{e.title}</Raw>
        {e.archived && <span className="hint"> · {t('edit.archived')}</span>}
      </td>
      <td>{e.queue ? <span translate="no">{e.queue}</span> : '—'}</td>
      <td>{e.timeLimitMin}</td>
      <td>{e.passPercent}</td>
      <td className={act.errorFor('maxAttempts') ? 'field-invalid' : undefined}>
        {isTrainer ? (
          <>
            <input
              aria-label={t('ppl.train.maxAttempts')}
              name="maxAttempts"
              type="number"
              size={3}
              value={lim.maxAttempts}
              onChange={(x) => setLim({ ...lim, maxAttempts: x.target.value })}
            />
            <CellError text={act.errorFor('maxAttempts')} />
          </>
        ) : (
          e.maxAttempts
        )}
      </td>
      <td className={act.errorFor('cooldownHours') ? 'field-invalid' : undefined}>
        {isTrainer ? (
          <>
            <input
              aria-label={t('ppl.train.cooldownHours')}
              name="cooldownHours"
              type="number"
              size={4}
              value={lim.cooldownHours}
              onChange={(x) => setLim({ ...lim, cooldownHours: x.target.value })}
            />
            <CellError text={act.errorFor('cooldownHours')} />
          </>
        ) : (
          e.cooldownHours
        )}
      </td>
      {isAgent && (
        <td data-testid="exam-attempts-left">
          {e.attemptsLeft}
          {e.nextAttemptAt ? ` · ${t('ppl.train.nextAttemptAt')} ${fmtTime(e.nextAttemptAt)}` : ''}
        </td>
      )}
      <td>
        {isAgent &&
          (e.attemptsLeft === 0 ? (
            <span className="hint">{t('ppl.train.noAttemptsLeft')}</span>
          ) : (
            <button
              data-exam={e.id}
              disabled={!!e.nextAttemptAt}
              onClick={() => void act.run(async () => onStart(await call(contract.training.startAttempt, { params: { id: e.id } })))}
            >
              {t('ppl.train.start')}
            </button>
          ))}
        {isTrainer && (
          <>
            <button onClick={() => void saveLimits()}>{t('ppl.train.saveLimits')}</button>{' '}
            {e.marksReleased ? (
              <span className="hint"> {t('ppl.train.marksReleased')}</span>
            ) : (
              <button
                data-release={e.id}
                onClick={() =>
                  void act.run(async () => {
                    await call(contract.training.releaseMarks, { params: { id: e.id } });
                    onChanged();
                  })
                }
              >
                {t('ppl.train.releaseMarks')}
              </button>
            )}{' '}
            <RowActions
              name={e.title}
              onEdit={onEdit}
              onDelete={() =>
                void act.run(async () => {
                  await call(contract.training.deleteExam, { params: { id: e.id } });
                  onChanged();
                })
              }
            />{' '}
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void act.run(async () => {
                  await call(contract.training.updateExam, { params: { id: e.id }, body: { archived: !e.archived } });
                  onChanged();
                })
              }
            >
              {e.archived ? t('edit.unarchive') : t('edit.archive')}
            </button>
          </>
        )}
        <CellError text={act.errorOutside(['maxAttempts', 'cooldownHours'])} />
      </td>
    </tr>
  );
}

/**
 * The exams: agents start them; trainers create them, change attempts limit and cool-down, release
 * marks, and mark short answers.
 */
export function Exams({ isAgent, isTrainer, onStart }: { isAgent: boolean; isTrainer: boolean; onStart: (a: StartedAttempt) => void }) {
  const { t } = useTranslation();
  const exams = useEndpoint(contract.training.exams, {});
  const pending = useEndpoint(contract.training.pendingMarking, isTrainer ? {} : null);
  const [editing, setEditing] = useState<ExamWire | null>(null);
  return (
    <>
      {isTrainer && !editing && <ExamForm onCreated={() => void exams.reload()} />}
      {isTrainer && editing && (
        <ExamForm
          key={editing.id}
          editing={editing}
          onCancel={() => setEditing(null)}
          onCreated={() => {
            setEditing(null);
            void exams.reload();
          }}
        />
      )}
      <div className="card">
        <h2>{t('ppl.train.exams')}</h2>
        <table data-testid="exams">
          <thead>
            <tr>
              <th>{t('ppl.train.exams')}</th>
              <th>{t('ppl.train.queue')}</th>
              <th>{t('ppl.train.timeLimit')}</th>
              <th>{t('trn.exam.passPercent')}</th>
              <th>{t('ppl.train.maxAttempts')}</th>
              <th>{t('ppl.train.cooldownHours')}</th>
              {isAgent && <th>{t('ppl.train.attemptsLeft')}</th>}
              <th></th>
            </tr>
          </thead>
          <tbody>
            {(exams.data ?? []).map((e) => (
              <ExamRow
                // keyed by its limits too: a change made in the edit form refills the row's inputs
                key={`${e.id}-${e.maxAttempts}-${e.cooldownHours}`}
                e={e}
                isAgent={isAgent}
                isTrainer={isTrainer}
                onStart={onStart}
                onChanged={() => void exams.reload()}
                onEdit={() => setEditing(e)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {isTrainer && (pending.data ?? []).length > 0 && (
        <div className="card" data-testid="pending-marking">
          <h2>{t('ppl.train.pendingMarking')}</h2>
          {pending.data!.map((p) => (
            <MarkForm key={p.id} p={p} onMarked={() => void pending.reload()} />
          ))}
        </div>
      )}
    </>
  );
}
