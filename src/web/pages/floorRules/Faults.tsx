import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { DEVICE_KINDS, FAULT_FIXERS, type Fault } from '../../../contract/floorRules';
import { ErrorNote, Figure, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { hasAny, useMe } from '../../session';
import { centerToday, fmtDateTime } from '../../format';

/** The month's fault figures (duty manager / IT): open now, fixed this month and the mean time to fix. */
function FaultFigures({ version }: { version: number }) {
  const { t } = useTranslation();
  const today = centerToday();
  const fig = useEndpoint(contract.floorRules.faultFigures, { query: { from: `${today.slice(0, 7)}-01`, to: today } }, [version]);
  if (!fig.data) return <ErrorNote error={fig.error} />;
  return (
    <p className="hint" data-testid="fault-figures">
      {t('fr.openNow')} {fig.data.open} · {t('fr.fixedInRange')} {fig.data.fixed} · {t('fr.meanFix')}{' '}
      <Figure value={fig.data.meanFixMin} format={(n) => n.toFixed(0)} />
    </p>
  );
}

function FixForm({ fault, onDone }: { fault: Fault; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useAction();
  const [note, setNote] = useState('');
  return (
    <div>
      <Field label={t('fr.fixNote')} error={act.errorFor('note')}>
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <ErrorNote error={act.errorOutside(['note'])} />
      <button
        type="button"
        onClick={() => act.run(async () => (await call(contract.floorRules.fixFault, { params: { id: fault.id }, body: { note } }), onDone()))}
      >
        {t('fr.fix')}
      </button>
    </div>
  );
}

/** Equipment fault reports (seed 000 第12條): anyone reports; the duty manager or IT marks them fixed. */
export default function Faults() {
  const { t } = useTranslation();
  const me = useMe();
  const canFix = hasAny(me, FAULT_FIXERS);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const list = useEndpoint(contract.floorRules.faults, { query: onlyOpen ? { status: 'open' as const } : {} }, [version]);
  const act = useAction();
  const [f, setF] = useState({ seat: '', device: 'computer' as Fault['device'], description: '' });
  const reload = () => setVersion((v) => v + 1);
  const report = () =>
    act.run(async () => {
      await call(contract.floorRules.reportFault, { body: f });
      setF({ ...f, seat: '', description: '' });
      reload();
    });
  return (
    <Page title={t('nav.faults')}>
      <section className="card">
        <h2>{t('fr.report')}</h2>
        <FieldRow>
          <Field label={t('fr.seat')} error={act.errorFor('seat')}>
            <input value={f.seat} onChange={(e) => setF({ ...f, seat: e.target.value })} />
          </Field>
          <Field label={t('fr.device')} error={act.errorFor('device')}>
            <select value={f.device} onChange={(e) => setF({ ...f, device: e.target.value as Fault['device'] })}>
              {DEVICE_KINDS.map((d) => (
                <option key={d} value={d}>
                  {t(`fr.devices.${d}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('fr.description')} error={act.errorFor('description')} wide>
            <textarea rows={2} value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} />
          </Field>
        </FieldRow>
        <ErrorNote error={act.errorOutside(['seat', 'device', 'description'])} />
        <button type="button" onClick={report}>
          {t('fr.report')}
        </button>
      </section>
      <section className="card">
        {canFix && <FaultFigures version={version} />}
        <Field label={t('fr.onlyOpen')}>
          <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
        </Field>
        <ErrorNote error={list.error} />
        <div className="table-scroll">
          <table data-testid="faults-table">
            <thead>
              <tr>
                <th>{t('fr.seat')}</th>
                <th>{t('fr.device')}</th>
                <th>{t('fr.description')}</th>
                <th>{t('fr.reportedBy')}</th>
                <th>{t('fr.status')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((x) => (
                <tr key={x.id}>
                  <td>
                    <Raw>{x.seat}</Raw>
                  </td>
                  <td>{t(`fr.devices.${x.device}`)}</td>
                  <td>
                    <Raw>{x.description}</Raw>
                  </td>
                  <td>
                    <Raw>{x.reporterName}</Raw> {fmtDateTime(x.reportedAt)}
                  </td>
                  <td>
                    {x.status === 'fixed' ? (
                      <>
                        {t('fr.fixed')} {x.fixedAt !== null && fmtDateTime(x.fixedAt)} <Raw>{x.fixNote}</Raw>
                      </>
                    ) : canFix ? (
                      <FixForm fault={x} onDone={reload} />
                    ) : (
                      t('fr.open')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>
  );
}
