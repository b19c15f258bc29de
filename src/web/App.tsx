import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOfSent, call, setCsrf } from './api';
import { takeEarlyMe } from './boot';
import { contract } from '../contract/index';
import { setLocale, type Locale } from './i18n/index';
import { LanguageSelect } from './components/LanguageSelect';
import { isKiosk, mayOpen, navItems } from './nav';
import { Login } from './pages/Login';
import { Home } from './pages/Home';
import { SessionContext, type Me } from './session';
import { Loading } from './components/ui';
import { setCenterZone } from './format';
import { NotificationBell } from './components/NotificationBell';
import { PhoneTabBar } from './components/PhoneTabBar';
import { DemoLoading } from './components/DemoLoading';

/** The language choice with its label, in the top bar and on the wallboard's kiosk view. */
function LocaleSelect({ onLocale }: { onLocale: (l: Locale) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('app.language')} <LanguageSelect onLocale={onLocale} />
    </label>
  );
}

function useHashPath() {
  const [path, setPath] = useState(() => location.hash.replace(/^#/, '') || '/');
  useEffect(() => {
    const on = () => setPath(location.hash.replace(/^#/, '') || '/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return path;
}

export function App() {
  const { t } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const path = useHashPath();
  // the side menu as a drawer on a phone, closed again by any navigation
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);

  const refresh = useCallback(async () => {
    try {
      const early = takeEarlyMe();
      const r = await (early ? answerOfSent(contract.platform.me, early) : call(contract.platform.me));
      setCsrf(r.csrf);
      setCenterZone(r.user.centerTimezone);
      setMe(r.user);
    } catch {
      setMe(null);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const changeLocale = async (l: Locale) => {
    await setLocale(l);
    if (me) await call(contract.platform.setLocale, { body: { locale: l } }).catch(() => {});
  };

  if (me === undefined) return <Loading />;
  if (me === null) return <Login onSignedIn={refresh} onLocale={changeLocale} />;

  const visible = navItems.filter((n) => mayOpen(me, n));
  const pathOnly = path.split('?')[0];
  const current = navItems.find((n) => n.path === pathOnly);
  const groups = [...new Set(visible.map((n) => n.group ?? ''))];
  const Page = current?.page;

  if (isKiosk(path))
    return (
      <SessionContext.Provider value={{ me, refresh }}>
        <div className="kiosk" data-testid="kiosk">
          <div className="kiosk-bar">
            <LocaleSelect onLocale={(l) => void changeLocale(l)} />
            <a href="#/live/wallboard" data-testid="kiosk-exit">
              {t('live.kioskExit')}
            </a>
          </div>
          <Suspense fallback={<Loading />}>
            {Page && current && mayOpen(me, current) ? (
              <Page />
            ) : (
              <div className="error" role="alert" data-testid="forbidden">
                {t('app.forbidden')}
              </div>
            )}
          </Suspense>
        </div>
      </SessionContext.Provider>
    );

  return (
    <SessionContext.Provider value={{ me, refresh }}>
      <div className="shell">
        <aside className={menuOpen ? 'nav open' : 'nav'}>
          <a className="brand" href="#/">
            {t('app.name')}
          </a>
          <a href="#/" className={pathOnly === '/' ? 'active' : ''}>
            {t('nav.home')}
          </a>
          {groups.map((g) => (
            <div key={g} className="nav-group">
              {g && <div className="nav-group-title">{t(g)}</div>}
              {visible
                .filter((n) => (n.group ?? '') === g)
                .map((n) => (
                  <a key={n.path} href={`#${n.path}`} className={n.path === pathOnly ? 'active' : ''} data-nav={n.path}>
                    {t(n.label)}
                  </a>
                ))}
            </div>
          ))}
        </aside>
        <main>
          <div className="topbar">
            <span className="who">
              {me.displayName} · {me.roles.map((r) => t(`roles.${r}`)).join(' / ')}
            </span>
            <NotificationBell userId={me.id} />
            <LocaleSelect onLocale={(l) => void changeLocale(l)} />
            <button
              data-testid="sign-out"
              onClick={async () => {
                await call(contract.platform.logout);
                setMe(null);
              }}
            >
              {t('app.signOut')}
            </button>
          </div>
          <DemoLoading />
          <Suspense fallback={<Loading />}>
            {pathOnly === '/' ? (
              <Home items={visible} />
            ) : Page && current && mayOpen(me, current) ? (
              <Page />
            ) : (
              <div className="error" role="alert" data-testid="forbidden">
                {t('app.forbidden')}
              </div>
            )}
          </Suspense>
        </main>
        <PhoneTabBar me={me} path={pathOnly} menuOpen={menuOpen} onMenu={() => setMenuOpen(!menuOpen)} />
      </div>
    </SessionContext.Provider>
  );
}
