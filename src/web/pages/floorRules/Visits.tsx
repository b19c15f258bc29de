import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { CHECKERS, FLOOR_EDITORS } from '../../../contract/floorRules';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { hasAny, useMe } from '../../session';
import { centerToday, fmtClock, fmtDate, fmtDateTime } from '../../format';

/** Visit notices (第26條): announced visits; managers announce, the floor is told. */
function Notices() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useEndpoint(contract.floorRules.visitNotices, {});
  const act = useAction();
  const [f, setF] = useState({ date: centerToday(), start: '14:00', end: '15:00', group: '', areas: '', host: '' });
  const fields = ['date', 'start', 'end', 'group', 'areas', 'host'] as const;
  return (
    <section className="card">
      <h2>{t('fr.notices')}</h2>
      {hasAny(me, FLOOR_EDITORS) && (
        <>
          <FieldRow>
            {fields.map((k) => (
              <Field key={k} label={t(`fr.${k}`)} error={act.errorFor(k)}>
                <input
                  type={k === 'date' ? 'date' : k === 'start' || k === 'end' ? 'time' : 'text'}
                  value={f[k]}
                  onChange={(e) => setF({ ...f, [k]: e.target.value })}
                />
              </Field>
            ))}
          </FieldRow>
          <ErrorNote error={act.errorOutside([...fields])} />
          <button type="button" onClick={() => act.run(async () => (await call(contract.floorRules.announceVisit, { body: f }), await list.reload()))}>
            {t('fr.announce')}
          </button>
        </>
      )}
      <ErrorNote error={list.error} />
      <ul data-testid="visit-notices">
        {(list.data ?? []).map((n) => (
          <li key={n.id}>
            {fmtDate(n.startsAt)} {fmtClock(n.startsAt)}–{fmtClock(n.endsAt)} <Raw>{n.group}</Raw> · {t('fr.areas')} <Raw>{n.areas}</Raw> · {t('fr.host')}{' '}
            <Raw>{n.host}</Raw>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The machine-room visitor log (第21條 機房登記薄): who came in, for what, escorted by whom, in and out. */
export default function Visits() {
  const { t } = useTranslation();
  const me = useMe();
  const canLog = hasAny(me, CHECKERS);
  const list = useEndpoint(contract.floorRules.visits, {});
  const act = useAction();
  const [f, setF] = useState({ visitor: '', company: '', purpose: '', escort: '' });
  const fields = ['visitor', 'company', 'purpose', 'escort'] as const;
  return (
    <Page title={t('nav.visits')}>
      <Notices />
      <section className="card">
        <h2>{t('fr.visitLog')}</h2>
        {canLog && (
          <>
            <FieldRow>
              {fields.map((k) => (
                <Field key={k} label={t(`fr.${k}`)} error={act.errorFor(k)}>
                  <input value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
                </Field>
              ))}
            </FieldRow>
            <ErrorNote error={act.errorOutside([...fields])} />
            <button
              type="button"
              onClick={() =>
                act.run(async () => {
                  await call(contract.floorRules.logVisit, { body: f });
                  setF({ visitor: '', company: '', purpose: '', escort: '' });
                  await list.reload();
                })
              }
            >
              {t('fr.logIn')}
            </button>
          </>
        )}
        <ErrorNote error={list.error} />
        <div className="table-scroll">
          <table data-testid="visits-table">
            <thead>
              <tr>
                <th>{t('fr.visitor')}</th>
                <th>{t('fr.company')}</th>
                <th>{t('fr.purpose')}</th>
                <th>{t('fr.escort')}</th>
                <th>{t('fr.inAt')}</th>
                <th>{t('fr.outAt')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((v) => (
                <tr key={v.id}>
                  <td>
                    <Raw>{v.visitor}</Raw>
                  </td>
                  <td>
                    <Raw>{v.company}</Raw>
                  </td>
                  <td>
                    <Raw>{v.purpose}</Raw>
                  </td>
                  <td>
                    <Raw>{v.escort}</Raw>
                  </td>
                  <td>{fmtDateTime(v.inAt)}</td>
                  <td>
                    {v.outAt !== null ? (
                      fmtDateTime(v.outAt)
                    ) : canLog ? (
                      <button
                        type="button"
                        onClick={() => act.run(async () => (await call(contract.floorRules.visitOut, { params: { id: v.id }, body: {} }), await list.reload()))}
                      >
                        {t('fr.logOut')}
                      </button>
                    ) : (
                      t('fr.stillIn')
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
