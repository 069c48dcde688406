import './login.css';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { PlainLanguageSelect } from '../../components/PlainLanguageSelect.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useLoginMutation } from '../../features/auth/session-login-mutation.ts';

type Field = 'username' | 'password';

/**
 * The login page in plain HTML and CSS: it is the first screen of every session, so it loads no antd
 * (the console's code loads while the user types).
 */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const login = useLoginMutation();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Partial<Record<Field, boolean>>>({});
  if (me) return <Navigate to={me.kind === 'customer' ? '/portal' : '/console'} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const empty = { username: username === '', password: password === '' };
    setMissing(empty);
    if (empty.username || empty.password) {
      event.currentTarget
        .querySelector<HTMLInputElement>(empty.username ? '#login-username' : '#login-password')
        ?.focus();
      return;
    }
    setError(null);
    login.mutate(
      { username, password },
      {
        onSuccess: (user) => navigate(user.kind === 'customer' ? '/portal' : '/console', { replace: true }),
        onError: (err) => {
          if (err instanceof ApiError && err.status === 429) {
            setError(t('login.rateLimited', { seconds: err.retryAfter ?? 60 }));
          } else if (err instanceof ApiError && err.status === 401) {
            setError(t('login.wrongCredentials'));
          } else {
            setError(err instanceof Error ? err.message : String(err));
          }
        },
      },
    );
  };
  const clear = (field: Field) => () => missing[field] && setMissing({ ...missing, [field]: false });

  return (
    <div className="login-screen">
      <header className="login-header">
        <PlainLanguageSelect className="login-language" />
      </header>
      <main className="login-main">
        <section className="login-card" aria-labelledby="login-title">
          <h1 id="login-title" className="login-title">
            {t('app.name')}
          </h1>
          <p className="login-subtitle">{t('login.subtitle')}</p>
          {error && (
            <div className="login-error" role="alert" data-testid="login-error">
              {error}
            </div>
          )}
          <form name="login" noValidate onSubmit={onSubmit}>
            <div className="login-field">
              <label htmlFor="login-username">{t('login.username')}</label>
              <input
                id="login-username"
                name="username"
                autoComplete="username"
                data-testid="login-username"
                // biome-ignore lint/a11y/noAutofocus: the page's only purpose is this form
                autoFocus
                required
                aria-invalid={missing.username || undefined}
                aria-describedby={missing.username ? 'login-username-error' : undefined}
                onChange={clear('username')}
              />
              {missing.username && (
                <div id="login-username-error" className="login-field-error">
                  {t('login.usernameRequired')}
                </div>
              )}
            </div>
            <div className="login-field">
              <label htmlFor="login-password">{t('login.password')}</label>
              <input
                id="login-password"
                name="password"
                type="password"
                autoComplete="current-password"
                data-testid="login-password"
                required
                aria-invalid={missing.password || undefined}
                aria-describedby={missing.password ? 'login-password-error' : undefined}
                onChange={clear('password')}
              />
              {missing.password && (
                <div id="login-password-error" className="login-field-error">
                  {t('login.passwordRequired')}
                </div>
              )}
            </div>
            <button
              type="submit"
              className="login-submit"
              data-testid="login-submit"
              disabled={login.isPending}
              aria-busy={login.isPending}
            >
              {login.isPending && <span className="login-submit-spinner" aria-hidden="true" />}
              {t('login.submit')}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}
