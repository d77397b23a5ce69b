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

/** One column of a panel's table: a heading, and either plain text or a figure (cell id, exact value, text). */
export type Col<T> = { head?: string } & (
  | { text: (row: T) => ReactNode }
  | { fig: (row: T) => { cell: string; value: string | number | null | undefined; text: ReactNode } }
);

/**
 * The table every panel shows: a heading row (when any column has a heading), one row per item with its key in
 * data-row, and `total` (a connection's totalCount) in data-total.
 */
export function Rows<T>(props: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  cols: Col<T>[];
  total?: number;
  rowClass?: (row: T) => string | undefined;
}): ReactNode {
  const heads = props.cols.some((c) => c.head !== undefined);
  return (
    <table data-total={props.total}>
      {heads && (
        <thead>
          <tr>
            {props.cols.map((c, i) => (
              <th key={i}>{c.head}</th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {props.rows.map((r) => {
          const key = props.rowKey(r);
          return (
            <tr key={key} data-row={key} className={props.rowClass?.(r)}>
              {props.cols.map((c, i) => {
                if ('text' in c) return <td key={i}>{c.text(r)}</td>;
                const f = c.fig(r);
                return (
                  <Fig key={i} cell={f.cell} value={f.value}>
                    {f.text}
                  </Fig>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A link inside the app: pushes the client route instead of loading the page. */
export function Go(props: { to: string; go: (path: string) => void; children: ReactNode }): ReactNode {
  return (
    <a
      href={props.to}
      onClick={(e) => {
        e.preventDefault();
        props.go(props.to);
      }}
    >
      {props.children}
    </a>
  );
}
