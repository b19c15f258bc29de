import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { contract } from '../../../contract/index';
import { useAction, useEndpoint } from '../../hooks';
import { ErrorNote, Page } from '../../components/ui';
import { MOOD_FACE } from './common';

/** The agent's morning check-in (phone-sized) with today's briefing notices. */
export default function CheckIn() {
  const { t } = useTranslation();
  const [mood, setMood] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const mine = useEndpoint(contract.people.myCheckIns, {});
  const brief = useEndpoint(contract.people.briefing, {});
  const { error, run } = useAction();
  return (
    <Page title={t('ppl.nav.checkin')}>
      <div className="card checkin" data-testid="checkin">
        <h2>{t('ppl.mood.title')}</h2>
        <div className="mood-buttons">
          {[1, 2, 3, 4, 5].map((m) => (
            <button
              key={m}
              type="button"
              className={mood === m ? 'mood-btn selected' : 'mood-btn'}
              aria-pressed={mood === m}
              data-mood={m}
              onClick={() => setMood(m)}
            >
              <span className="face">{MOOD_FACE[m]}</span>
              <span>{t(`ppl.mood.${m}`)}</span>
            </button>
          ))}
        </div>
        <textarea
          aria-label={t('ppl.note')}
          placeholder={t('ppl.mood.noteHint')}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          rows={3}
        />
        <button
          disabled={mood == null}
          onClick={() =>
            run(async () => {
              if (mood == null) return;
              await call(contract.people.checkIn, { body: { mood, note: note || undefined } });
              setDone(true);
              setNote('');
              await mine.reload();
            })
          }
        >
          {t('ppl.submit')}
        </button>
        {done && (
          <div className="ok" data-testid="checkin-done">
            {t('ppl.mood.done')}
          </div>
        )}
        <ErrorNote error={error} />
      </div>
      {brief.data && (
        <div className="card">
          <h2>{t('ppl.routine.briefing')}</h2>
          {brief.data.longerMeeting && <p className="warn">{t('ppl.routine.longer')}</p>}
          {brief.data.notices.length === 0 && <p className="hint">{t('ppl.none')}</p>}
          {brief.data.notices.map((n) => (
            <div key={n.id} className="notice" data-testid="notice">
              <span>{n.text}</span>{' '}
              {n.read ? (
                <span className="badge">{t('ppl.routine.read')}</span>
              ) : (
                <button
                  className="secondary"
                  onClick={() =>
                    run(async () => {
                      await call(contract.people.readNotice, { params: { id: n.id } });
                      await brief.reload();
                    })
                  }
                >
                  {t('ppl.routine.markRead')}
                </button>
              )}
            </div>
          ))}
        </div>
      )}
      <div className="card">
        <h2>{t('ppl.mood.recent')}</h2>
        <ul className="plain">
          {(mine.data ?? []).map((c) => (
            <li key={c.id}>
              {c.date} {MOOD_FACE[c.mood]} {t(`ppl.mood.${c.mood}`)}
            </li>
          ))}
        </ul>
      </div>
    </Page>
  );
}
