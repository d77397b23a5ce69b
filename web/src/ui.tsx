import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError, request } from './api';
import type { TypedDocumentString } from './gql/graphql';
import { useI18n } from './i18n';

export type Loaded<R> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError; reload: () => void }
  | { state: 'ok'; data: R; reload: () => void };

/** Runs a query when its variables change; a failure stays a failure (never an empty or zero answer). */
export function useQuery<R, V>(doc: TypedDocumentString<R, V>, variables: V, enabled = true): Loaded<R> {
  const key = JSON.stringify(variables);
  const [tick, setTick] = useState(0);
  const [result, setResult] = useState<Loaded<R>>({ state: 'loading' });
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setResult({ state: 'loading' });
    request(doc, JSON.parse(key) as V).then(
      (data) => live && setResult({ state: 'ok', data, reload }),
      (e: unknown) =>
        live &&
        setResult({
          state: 'error',
          error: e instanceof ApiError ? e : new ApiError(String(e), 'NETWORK'),
          reload,
        }),
    );
    return () => {
      live = false;
    };
  }, [doc, key, tick, enabled, reload]);
  return result;
}

/**
 * A panel with its three states: loading, error (with the API's code, and a retry) and empty; `children` renders
 * only with an answer that has rows.
 */
export function Panel<R>(props: {
  id: string;
  title: string;
  result: Loaded<R>;
  isEmpty: (data: R) => boolean;
  children: (data: R) => ReactNode;
  wide?: boolean;
}): ReactNode {
  const { t } = useI18n();
  const { result } = props;
  return (
    <section
      className={props.wide ? 'panel wide' : 'panel'}
      data-panel={props.id}
      data-state={stateOf(result, props.isEmpty)}
    >
      <h2>{props.title}</h2>
      {result.state === 'loading' && <p className="loading">{t('loading')}</p>}
      {result.state === 'error' && (
        <div className="error" role="alert">
          {t('error')}: <span data-error-code={result.error.code}>{result.error.message}</span>{' '}
          <button onClick={result.reload}>{t('retry')}</button>
        </div>
      )}
      {result.state === 'ok' &&
        (props.isEmpty(result.data) ? <p className="empty">{t('empty')}</p> : props.children(result.data))}
    </section>
  );
}

function stateOf<R>(r: Loaded<R>, isEmpty: (d: R) => boolean): string {
  return r.state === 'ok' ? (isEmpty(r.data) ? 'empty' : 'ok') : r.state;
}

/** A figure: the text as formatted for the reader, the exact value the API gave in data-value (for tests, copy). */
export function Fig(props: {
  cell: string;
  value: string | number | null | undefined;
  children: ReactNode;
}): ReactNode {
  return (
    <td className="num" data-cell={props.cell} data-value={props.value ?? ''}>
      {props.children}
    </td>
  );
}
