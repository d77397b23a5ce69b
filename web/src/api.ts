import { graphql } from './gql';
import type { TypedDocumentString } from './gql/graphql';

/** A refused or failed call: `code` is the API's `extensions.code`, or NETWORK when no GraphQL answer came. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

interface GraphQLAnswer<R> {
  data?: R | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const LoginDoc = graphql(`
  mutation DashboardLogin($input: LoginInput!) {
    login(input: $input) {
      accessToken
      refreshToken
    }
  }
`);

export const RefreshDoc = graphql(`
  mutation DashboardRefresh($token: String!) {
    refreshToken(token: $token) {
      accessToken
      refreshToken
    }
  }
`);

export const LogoutDoc = graphql(`
  mutation DashboardLogout($token: String!) {
    logout(refreshToken: $token)
  }
`);

/**
 * The access token lives in memory only. The refresh token is kept in sessionStorage, so a reload of the tab keeps
 * the session (it is traded for a new pair at start) while closing the tab ends it: a shared office computer does not
 * stay signed in, and nothing is sent by the browser on its own (no cookie, so no cross-site request can use it).
 * Script on the page could read it, as it could read the memory; rotation with reuse detection (a token used twice
 * revokes its family) and sign-out's server-side revocation bound what a stolen one is worth.
 */
const SAVED = 'dashboard.refreshToken';
let tokens: Tokens | null = null;
let refreshing: Promise<boolean> | null = null;
let restoring: Promise<void> | null = null;
const listeners = new Set<() => void>();

function saved(): string | null {
  try {
    return sessionStorage.getItem(SAVED);
  } catch {
    return null;
  }
}

function save(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(SAVED, token);
    else sessionStorage.removeItem(SAVED);
  } catch {
    // storage refused (private mode): the session lasts for this page only
  }
}

export function onSessionChange(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

function setTokens(t: Tokens | null): void {
  tokens = t;
  save(t?.refreshToken ?? null);
  for (const f of listeners) f();
}

/** At start: a refresh token kept by this tab is traded for a new pair once (however often React mounts). */
export function restoreSession(): Promise<void> {
  const token = saved();
  restoring ??=
    token && !tokens
      ? post(RefreshDoc, { token })
          .then((a) => {
            const t = a.data?.refreshToken;
            setTokens(t ? { accessToken: t.accessToken, refreshToken: t.refreshToken } : null);
          })
          .catch(() => setTokens(null))
      : Promise.resolve();
  return restoring;
}

export function signedIn(): boolean {
  return tokens !== null;
}

async function post<R, V>(doc: TypedDocumentString<R, V>, variables: V, token?: string): Promise<GraphQLAnswer<R>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: doc.toString(), variables }),
    });
  } catch (e) {
    throw new ApiError(e instanceof Error ? e.message : String(e), 'NETWORK');
  }
  try {
    return (await res.json()) as GraphQLAnswer<R>;
  } catch {
    throw new ApiError(`HTTP ${res.status}`, 'NETWORK');
  }
}

function unwrap<R>(answer: GraphQLAnswer<R>): R {
  const e = answer.errors?.[0];
  if (e) throw new ApiError(e.message, e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (!answer.data) throw new ApiError('No data', 'NETWORK');
  return answer.data;
}

/** Trades the refresh token for new tokens once, however many calls found the access token expired at once. */
function refresh(): Promise<boolean> {
  const current = tokens;
  if (!current) return Promise.resolve(false);
  refreshing ??= post(RefreshDoc, { token: current.refreshToken })
    .then((a) => {
      const t = a.data?.refreshToken;
      // Signed out meanwhile: keep it that way.
      if (!t || tokens !== current) return false;
      setTokens({ accessToken: t.accessToken, refreshToken: t.refreshToken });
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Sends an operation as the signed-in person; an expired access token is renewed and the call tried once more. */
export async function request<R, V>(doc: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const sent = tokens;
  if (!sent) throw new ApiError('Not signed in', 'UNAUTHENTICATED');
  const answer = await post(doc, variables, sent.accessToken);
  if (answer.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    // Another call may have renewed the tokens while this one was on its way.
    const renewed = tokens !== sent && tokens !== null ? true : await refresh();
    if (!renewed) {
      void signOut();
      return unwrap(answer);
    }
    return unwrap(await post(doc, variables, tokens!.accessToken));
  }
  return unwrap(answer);
}

export async function signIn(email: string, password: string): Promise<void> {
  const data = unwrap(await post(LoginDoc, { input: { email, password } }));
  if (!data.login) throw new ApiError('Sign-in failed', 'UNAUTHENTICATED');
  setTokens({ accessToken: data.login.accessToken, refreshToken: data.login.refreshToken });
}

/** Signs out here and on the server: the refresh token (and every token rotated from it) is revoked. */
export async function signOut(): Promise<void> {
  const current = tokens;
  refreshing = null;
  if (current) setTokens(null);
  else save(null);
  if (current) await post(LogoutDoc, { token: current.refreshToken }).catch(() => undefined);
}
