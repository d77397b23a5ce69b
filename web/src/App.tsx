import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, onSessionChange, request, restoreSession, signIn, signOut, signedIn } from './api';
import type { Kpi, KpiMeasure } from './gql/graphql';
import { I18nContext, makeI18n, monthIn, saveLocale, savedLocale, useI18n, type Key, type Locale } from './i18n';
import { MeDoc, QueueViewLinkDoc } from './queries';
import { useQuery } from './ui';
import { BranchView, HeadOffice, KPIS, MyDay, type Filters } from './views';

const HEAD_OFFICE_ROLES = new Set(['HQ_ADMIN', 'HQ_STAFF', 'LEADERSHIP']);

/**
 * Head office's administrator opens the operators' queue view (/admin/queues, not this app's): the browser does not
 * send the bearer token on navigation, so a one-time link from the API sets the view's own short-lived cookie.
 */
function QueueViewLink(): ReactNode {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <a
        href="/admin/queues"
        data-queue-view
        onClick={(e) => {
          e.preventDefault();
          setError(null);
          request(QueueViewLinkDoc, {}).then(
            (d) => location.assign(d.queueViewLink.url),
            (err: Error) => setError(err.message),
          );
        }}
      >
        {t('queues')}
      </a>
      {error && (
        <span className="error" role="alert">
          {t('error')}: {error}
        </span>
      )}
    </>
  );
}

/** Client routes (the API answers index.html for them): /, /head-office, /branches/:id, /my-day. */
function usePath(): [string, (p: string) => void] {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const f = () => setPath(location.pathname);
    addEventListener('popstate', f);
    return () => removeEventListener('popstate', f);
  }, []);
  return [
    path,
    (p: string) => {
      history.pushState(null, '', p);
      setPath(p);
    },
  ];
}

export function App(): ReactNode {
  const [locale, setLocale] = useState<Locale>(savedLocale);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const [session, setSession] = useState(signedIn());
  // A reload keeps the session: the tab's refresh token is traded for new tokens before anything is shown.
  const [restored, setRestored] = useState(false);
  useEffect(() => onSessionChange(() => setSession(signedIn())), []);
  useEffect(() => {
    void restoreSession().finally(() => setRestored(true));
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('title');
  }, [locale, i18n]);
  const switchLocale = () => {
    const next: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
    saveLocale(next);
    setLocale(next);
  };
  return (
    <I18nContext.Provider value={i18n}>
      <header className="top">
        <h1>{i18n.t('title')}</h1>
        <span className="spacer" />
        <button data-action="locale" onClick={switchLocale}>
          {i18n.t('language')}
        </button>
        {session && (
          <button data-action="sign-out" onClick={() => void signOut()}>
            {i18n.t('signOut')}
          </button>
        )}
      </header>
      <main>{!restored ? <p className="loading">{i18n.t('loading')}</p> : session ? <Dashboard /> : <SignIn />}</main>
    </I18nContext.Provider>
  );
}

function SignIn(): ReactNode {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <h2>{t('signIn')}</h2>
      <label>
        {t('email')}
        <input
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
      </label>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {t('signInFailed')}: {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('signIn')}
      </button>
    </form>
  );
}

function Dashboard(): ReactNode {
  const { t } = useI18n();
  const me = useQuery(MeDoc, {});
  const [path, go] = usePath();
  const [filters, setFilters] = useState<Filters | null>(null);
  if (me.state === 'loading') return <p className="loading">{t('loading')}</p>;
  if (me.state === 'error')
    return (
      <p className="error" role="alert">
        {t('error')}: {me.error.message}
      </p>
    );
  const { me: user, branches } = me.data;
  const membership = user.memberships[0];
  if (!membership) return <p className="error">{t('noAccess')}</p>;
  const home = membership.branch;
  const headOffice = user.memberships.some((m) => HEAD_OFFICE_ROLES.has(m.role));
  const rep = !headOffice && user.memberships.every((m) => m.role === 'SALES_REP');
  const f: Filters = filters ?? { kpi: 'VALID_LEADS', period: monthIn(home.timeZone), measure: 'COUNT' };

  let view: ReactNode;
  let title: string;
  let kpiControls = true;
  const branchMatch = /^\/branches\/([0-9a-f-]{36})$/.exec(path);
  if (path === '/head-office' || (path === '/' && headOffice)) {
    title = t('headOffice');
    view = headOffice ? (
      <HeadOffice filters={f} branches={branches} go={go} />
    ) : (
      <p className="error" role="alert" data-denied="head-office">
        {t('noAccess')}
      </p>
    );
  } else if (branchMatch) {
    const branch = branches.find((b) => b.id === branchMatch[1]);
    title = branch ? `${t('branchView')} · ${branch.name}` : t('branchView');
    view = branch ? (
      <BranchView branch={branch} filters={f} branches={branches} headOffice={headOffice} />
    ) : (
      <p className="error" role="alert" data-denied="branch">
        {t('noAccess')}
      </p>
    );
  } else if (path === '/my-day' || rep) {
    title = t('myDay');
    kpiControls = false;
    view = <MyDay userId={user.id} branch={home} period={f.period} />;
  } else {
    title = `${t('branchView')} · ${home.name}`;
    view = <BranchView branch={home} filters={f} branches={branches} headOffice={headOffice} />;
  }

  return (
    <div className="dashboard" data-user={user.id}>
      <nav className="bar">
        <h2 data-title>{title}</h2>
        <span className="who">{user.displayName}</span>
        {headOffice && path !== '/' && path !== '/head-office' && (
          <a
            href="/head-office"
            onClick={(e) => {
              e.preventDefault();
              go('/head-office');
            }}
          >
            {t('backToAll')}
          </a>
        )}
        {user.memberships.some((m) => m.role === 'HQ_ADMIN') && <QueueViewLink />}
        <span className="spacer" />
        {kpiControls && (
          <>
            <label>
              {t('kpi')}{' '}
              <select name="kpi" value={f.kpi} onChange={(e) => setFilters({ ...f, kpi: e.target.value as Kpi })}>
                {KPIS.map((k) => (
                  <option key={k} value={k}>
                    {t(k as Key)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('measure')}{' '}
              <select
                name="measure"
                value={f.measure}
                onChange={(e) => setFilters({ ...f, measure: e.target.value as KpiMeasure })}
              >
                <option value="COUNT">{t('COUNT')}</option>
                <option value="AMOUNT">{t('AMOUNT')}</option>
              </select>
            </label>
          </>
        )}
        <label>
          {t('period')}{' '}
          <input
            name="period"
            type="month"
            value={f.period}
            onChange={(e) => e.target.value && setFilters({ ...f, period: e.target.value })}
          />
        </label>
      </nav>
      {view}
    </div>
  );
}
