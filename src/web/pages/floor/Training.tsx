import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF, TRAINERS, type StartedAttempt } from '../../../contract/peopleTraining';
import { ADMINS } from '../../../contract/people';
import { Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { TakeExam } from './training/TakeExam';
import { Exams } from './training/Exams';
import { Certification } from './training/Certification';
import { Courses } from './training/Courses';
import { QuestionBank } from './training/QuestionBank';
import { Surveys } from './training/Surveys';
import { centerToday } from '../../format';

type Tab = 'exams' | 'certs' | 'courses' | 'bank' | 'surveys';

/**
 * Training and certification, one tab per seam: exams and marking, certification, courses with the
 * plan and sessions, the question bank (trainers), surveys (admins). Agents take exams here.
 */
export default function Training() {
  const { t } = useTranslation();
  const me = useMe();
  const isAgent = me.agentId != null && hasAny(me, ['agent']);
  const isTrainer = hasAny(me, TRAINERS);
  const isAdmin = hasAny(me, ADMINS);
  const isStaff = hasAny(me, STAFF);
  const [tab, setTab] = useState<Tab>('exams');
  const [attempt, setAttempt] = useState<StartedAttempt | null>(null);
  if (attempt)
    return (
      <Page title={t('ppl.nav.training')}>
        <TakeExam attempt={attempt} onDone={() => setAttempt(null)} />
      </Page>
    );
  const tabs: Tab[] = ['exams', 'certs', 'courses', ...(isTrainer ? (['bank'] as const) : []), ...(isAdmin ? (['surveys'] as const) : [])];
  return (
    <Page title={t('ppl.nav.training')}>
      <div className="form-row" role="tablist">
        {tabs.map((k) => (
          <button key={k} role="tab" data-training-tab={k} aria-selected={tab === k} className={tab === k ? 'active' : 'secondary'} onClick={() => setTab(k)}>
            {t(`trn.tab.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'exams' && <Exams isAgent={isAgent} isTrainer={isTrainer} onStart={setAttempt} />}
      {tab === 'certs' && <Certification isTrainer={isTrainer} canAssign={isAdmin} />}
      {tab === 'courses' && <Courses isTrainer={isTrainer} isStaff={isStaff} year={Number(centerToday().slice(0, 4))} />}
      {tab === 'bank' && isTrainer && <QuestionBank />}
      {tab === 'surveys' && isAdmin && <Surveys />}
    </Page>
  );
}
