import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { fmtDateTime } from '../../format';

/** The emergency call-in asks put to the signed-in person: accept (coming now) or decline; the list moves on either way. */
export default function CallinAsks() {
  const { t } = useTranslation();
  const asks = useEndpoint(contract.emergencyPlan.myAsks, {});
  const act = useAction();
  const answer = (id: number, a: 'accept' | 'decline') =>
    act.run(async () => {
      await call(contract.emergencyPlan.answerAsk, { params: { id }, body: { answer: a } });
      await asks.reload();
    });
  return (
    <Page title={t('fr.myAsks')}>
      <ErrorNote error={act.error ?? asks.error} />
      {asks.data && !asks.data.length && <p className="hint">{t('fr.none')}</p>}
      <ul data-testid="callin-asks">
        {(asks.data ?? []).map((a) => (
          <li key={a.id} className="card">
            <strong>
              <Raw>{a.levelName}</Raw>
            </strong>{' '}
            · {t('fr.order')} {a.order} · {t('fr.askedAt')} {fmtDateTime(a.askedAt)} · {t(`fr.answer.${a.answer}`)}
            <p>
              <Raw>{a.actions}</Raw>
            </p>
            {a.answer === 'pending' && (
              <>
                {t('fr.dueAt')} {fmtDateTime(a.dueAt)}{' '}
                <button type="button" onClick={() => answer(a.id, 'accept')}>
                  {t('fr.accept')}
                </button>{' '}
                <button type="button" onClick={() => answer(a.id, 'decline')}>
                  {t('fr.decline')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
