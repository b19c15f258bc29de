import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, setCsrf } from '../api';
import { contract } from '../../contract/index';
import type { Locale } from '../i18n/index';
import { LanguageSelect } from '../components/LanguageSelect';

export function Login({ onSignedIn, onLocale }: { onSignedIn: () => void; onLocale: (l: Locale) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await call(contract.platform.login, { body: { username, password } });
      setCsrf(r.csrf);
      onSignedIn();
    } catch (err) {
      setError((err as { status?: number }).status === 401 ? t('login.failed') : (err as Error).message);
    }
  };
  return (
    <div className="login">
      <form onSubmit={submit}>
        <h1>{t('app.name')}</h1>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <button type="submit">{t('login.submit')}</button>
        <p className="hint">{t('login.demoHint')}</p>
        <LanguageSelect onLocale={onLocale} />
      </form>
    </div>
  );
}
