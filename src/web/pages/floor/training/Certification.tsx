import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAction, useEndpoint } from '../../../hooks';
import { contract } from '../../../../contract/index';
import { ErrorNote } from '../../../components/ui';
import { Field, FieldRow } from '../../../components/form';
import { optNum } from './shared';
import { fmtDate } from '../../../format';

const blank = { queue: '', validityDays: '365', warnDays: '30' };

/** Queues under certification (trainers put, change and remove them), with the exams that certify each. */
function CertQueues({ isTrainer }: { isTrainer: boolean }) {
  const { t } = useTranslation();
  const certQueues = useEndpoint(contract.training.certQueues, {});
  const exams = useEndpoint(contract.training.exams, {});
  const [f, setF] = useState(blank);
  const act = useAction();
  const set = (k: keyof typeof blank) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const save = () =>
    act.run(async () => {
      await call(contract.training.putCertQueue, {
        params: { queue: f.queue.trim() },
        body: { validityDays: optNum(f.validityDays), warnDays: optNum(f.warnDays) },
      });
      setF(blank);
      await certQueues.reload();
    });
  const remove = (queue: string) => {
    if (!window.confirm(t('trn.cert.removeConfirm', { queue }))) return;
    void act.run(async () => {
      await call(contract.training.removeCertQueue, { params: { queue } });
      await certQueues.reload();
    });
  };
  return (
    <div className="card" data-testid="cert-queues">
      <h2>{t('ppl.train.certQueues')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('trn.cert.queue')}</th>
            <th>{t('trn.cert.validityDays')}</th>
            <th>{t('trn.cert.warnDays')}</th>
            <th>{t('trn.cert.exams')}</th>
            {isTrainer && <th></th>}
          </tr>
        </thead>
        <tbody>
          {(certQueues.data ?? []).map((q) => (
            <tr key={q.queue} data-cert-queue={q.queue}>
              <td translate="no">{q.queue}</td>
              <td>{q.validity_days}</td>
              <td>{q.warn_days}</td>
              <td>
                {(exams.data ?? [])
                  .filter((e) => e.queue === q.queue)
                  .map((e) => e.title)
                  .join('、') || '—'}
              </td>
              {isTrainer && (
                <td>
                  <button onClick={() => setF({ queue: q.queue, validityDays: String(q.validity_days), warnDays: String(q.warn_days) })}>
                    {t('trn.edit')}
                  </button>{' '}
                  <button onClick={() => remove(q.queue)}>{t('trn.remove')}</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {isTrainer && (
        <div data-testid="cert-queue-form">
          <h3>{t('trn.cert.queueForm')}</h3>
          <FieldRow>
            <Field label={t('trn.cert.queue')} error={act.errorFor('queue')}>
              <input name="queue" value={f.queue} onChange={set('queue')} />
            </Field>
            <Field label={t('trn.cert.validityDays')} error={act.errorFor('validityDays')}>
              <input name="validityDays" type="number" value={f.validityDays} onChange={set('validityDays')} />
            </Field>
            <Field label={t('trn.cert.warnDays')} error={act.errorFor('warnDays')}>
              <input name="warnDays" type="number" value={f.warnDays} onChange={set('warnDays')} />
            </Field>
          </FieldRow>
          <ErrorNote error={act.errorOutside(['queue', 'validityDays', 'warnDays'])} />
          <button onClick={() => void save()}>{t('ppl.train.addCertQueue')}</button>
        </div>
      )}
    </div>
  );
}

/** Certifications held (agents: their own) with the go-live action for admins, and those about to lapse. */
export function Certification({ isTrainer, canAssign }: { isTrainer: boolean; canAssign: boolean }) {
  const { t } = useTranslation();
  const certs = useEndpoint(contract.training.certifications, {});
  const warnings = useEndpoint(contract.training.certWarnings, {});
  const [liveDone, setLiveDone] = useState<Record<string, boolean>>({});
  const { error, run } = useAction();
  const setLive = (agentId: number, queue: string) =>
    run(async () => {
      const a = await call(contract.platform.agent, { params: { id: agentId } });
      await call(contract.platform.updateAgent, { params: { id: agentId }, body: { queues: [...new Set([...a.queues, queue])] } });
      setLiveDone({ ...liveDone, [`${agentId}:${queue}`]: true });
    });
  return (
    <>
      <ErrorNote error={error} />
      <div className="card">
        <h2>{t('trn.cert.held')}</h2>
        <table data-testid="certifications">
          <thead>
            <tr>
              <th>{t('ppl.agent')}</th>
              <th>{t('trn.cert.queue')}</th>
              <th>{t('ppl.train.result')}</th>
              <th>{t('ppl.train.validUntil')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {(certs.data ?? []).map((c) => (
              <tr key={c.id}>
                <td>{c.agent_name}</td>
                <td translate="no">{c.queue}</td>
                <td>{c.percent}%</td>
                <td>{fmtDate(c.valid_until)}</td>
                <td>
                  {canAssign &&
                    (liveDone[`${c.agent_id}:${c.queue}`] ? (
                      <span className="ok" data-testid="live-ok">
                        {t('ppl.train.live')}
                      </span>
                    ) : (
                      <button data-setlive={`${c.agent_id}:${c.queue}`} onClick={() => void setLive(c.agent_id, c.queue)}>
                        {t('ppl.train.setLive')}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(warnings.data ?? []).length > 0 && (
        <div className="card">
          <h2>{t('ppl.train.warnings')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('ppl.agent')}</th>
                <th>{t('trn.cert.queue')}</th>
                <th>{t('ppl.train.daysLeft')}</th>
              </tr>
            </thead>
            <tbody>
              {warnings.data!.map((w, i) => (
                <tr key={i} className={w.status === 'expired' ? 'bad' : 'warn'}>
                  <td>{w.agentName}</td>
                  <td translate="no">{w.queueId}</td>
                  <td>{w.daysLeft}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CertQueues isTrainer={isTrainer} />
    </>
  );
}
