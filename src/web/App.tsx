import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOfSent, call, setCsrf } from './api';
import { takeEarlyMe } from './boot';
import { contract } from '../contract/index';
import { setLocale, type Locale } from './i18n/index';
import { LanguageSelect } from './components/LanguageSelect';
import { FirstDrawnContext, isKiosk, mayOpen, navItems, PathContext, type NavItem } from './nav';
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

/** The page the address names, or "forbidden" when the signed-in user may not open it (the shell's and the kiosk view's). */
function PageOrForbidden({ me, item }: { me: Me; item: NavItem | undefined }) {
  const { t } = useTranslation();
  const Page = item?.page;
  return (
    <Suspense fallback={<Loading />}>
      {Page && item && mayOpen(me, item) ? (
        <Page />
      ) : (
        <div className="error" role="alert" data-testid="forbidden">
          {t('app.forbidden')}
        </div>
      )}
    </Suspense>
  );
}

/** How long the shell waits for a drawsFirst page's first data (a snapshot that never comes) before it fills in anyway. */
const SHELL_WAIT_MS = 3000;

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
  // opened at a drawsFirst page (the wallboard), the shell's menu, bell, demo check and tab bar wait for its first data
  // (issue 16: its first tiles within 1.3x the login page); the menu's column and the top bar keep their place meanwhile
  const [pageFirst, setPageFirst] = useState(() => !!navItems.find((n) => n.path === path.split('?')[0])?.drawsFirst);
  const firstDrawn = useCallback(() => setPageFirst(false), []);
  useEffect(() => {
    if (!pageFirst) return;
    const timer = setTimeout(firstDrawn, SHELL_WAIT_MS);
    return () => clearTimeout(timer);
  }, [pageFirst, firstDrawn]);

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
  // only while that page is open and may be opened (else nothing would say it drew)
  const shellLater = pageFirst && !!current?.drawsFirst && mayOpen(me, current);

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
          <PathContext.Provider value={path}>
            <PageOrForbidden me={me} item={current} />
          </PathContext.Provider>
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
          {!shellLater &&
            groups.map((g) => (
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
            {!shellLater && <NotificationBell userId={me.id} />}
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
          {!shellLater && <DemoLoading />}
          {pathOnly === '/' ? (
            <Home items={visible} />
          ) : (
            <PathContext.Provider value={path}>
              <FirstDrawnContext.Provider value={firstDrawn}>
                <PageOrForbidden me={me} item={current} />
              </FirstDrawnContext.Provider>
            </PathContext.Provider>
          )}
        </main>
        {!shellLater && <PhoneTabBar me={me} path={pathOnly} menuOpen={menuOpen} onMenu={() => setMenuOpen(!menuOpen)} />}
      </div>
    </SessionContext.Provider>
  );
}
