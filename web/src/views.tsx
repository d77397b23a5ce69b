import type { ReactNode } from 'react';
import type { DashboardMeQuery, Kpi, KpiMeasure } from './gql/graphql';
import { useI18n, type Key } from './i18n';
import {
  ApprovalOverviewDoc,
  AttainmentDoc,
  ComplaintCountsDoc,
  MyApprovalsDoc,
  MyQuotaDoc,
  MyQuotesDoc,
  MyTasksDoc,
  OverdueContactsDoc,
  RankingDoc,
  ReceivablesDoc,
  StalledDoc,
  TrendDoc,
} from './queries';
import { Fig, Panel, useQuery } from './ui';

export type Branch = DashboardMeQuery['branches'][number];

export interface Filters {
  kpi: Kpi;
  period: string;
  measure: KpiMeasure;
}

export const KPIS: Kpi[] = [
  'VALID_LEADS',
  'NEW_CUSTOMERS',
  'QUOTES_SENT',
  'CONTRACTS_SIGNED',
  'EFFECTIVE_VISITS',
  'COMPLAINTS_RESOLVED_IN_TIME',
];

const OPEN_COMPLAINT = new Set(['RECEIVED', 'INVESTIGATING']);

/** Head office: every branch side by side; a branch's name opens its own view. */
export function HeadOffice(props: { filters: Filters; branches: Branch[]; go: (path: string) => void }): ReactNode {
  const { filters } = props;
  return (
    <div className="grid" data-view="head-office">
      <Ranking filters={filters} by="BRANCH" go={props.go} />
      <Attainment filters={filters} by="BRANCH" />
      <Trend filters={filters} />
      <Receivables branches={props.branches} />
      <ApprovalOverview go={props.go} />
      <Complaints branches={props.branches} go={props.go} />
    </div>
  );
}

/**
 * One branch: its people ranked and against target, its trend, receivables, complaints, and approvals: stalled ones
 * for head office (drill-down), the manager's own pending decisions for the branch's people.
 */
export function BranchView(props: {
  branch: Branch;
  filters: Filters;
  branches: Branch[];
  headOffice: boolean;
}): ReactNode {
  const { filters, branch } = props;
  return (
    <div className="grid" data-view="branch" data-branch={branch.id}>
      <Ranking filters={filters} by="PERSON" branchId={branch.id} />
      <Attainment filters={filters} by="PERSON" branchId={branch.id} />
      <Trend filters={filters} branchId={branch.id} />
      <Receivables branches={props.branches} branchId={branch.id} />
      {props.headOffice ? <Stalled branch={branch} /> : <MyApprovals branch={branch} />}
      <Complaints branches={props.branches} branchId={branch.id} />
    </div>
  );
}

function Ranking(props: { filters: Filters; by: 'BRANCH' | 'PERSON'; branchId?: string; go?: (p: string) => void }) {
  const { t, money, num } = useI18n();
  const { kpi, period, measure } = props.filters;
  const result = useQuery(RankingDoc, { input: { kpi, period, measure, by: props.by, branchId: props.branchId } });
  const id = props.by === 'BRANCH' ? 'comparison' : 'people';
  return (
    <Panel
      id={id}
      title={`${t(id)} · ${t(kpi as Key)}`}
      result={result}
      isEmpty={(d) => d.kpiRanking.length === 0}
      wide
    >
      {(d) => (
        <table>
          <thead>
            <tr>
              <th>{t('rank')}</th>
              <th>{t(props.by === 'BRANCH' ? 'branch' : 'person')}</th>
              <th>{t('count')}</th>
              <th>{t('amount')}</th>
            </tr>
          </thead>
          <tbody>
            {d.kpiRanking.map((l) => {
              const key = props.by === 'BRANCH' ? l.branchId : `${l.branchId}:${l.personId}`;
              return (
                <tr key={key} data-row={key}>
                  <td>{l.rank}</td>
                  <td>
                    {props.go && props.by === 'BRANCH' ? (
                      <a
                        href={`/branches/${l.branchId}`}
                        onClick={(e) => {
                          e.preventDefault();
                          props.go!(`/branches/${l.branchId}`);
                        }}
                      >
                        {l.name}
                      </a>
                    ) : (
                      l.name
                    )}
                  </td>
                  <Fig cell={`${id}:${key}:count`} value={l.count}>
                    {num(l.count)}
                  </Fig>
                  <Fig cell={`${id}:${key}:amount`} value={l.amount}>
                    {money(l.amount, l.currency)}
                  </Fig>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

/** Sales against target: each branch's (or person's) target for the KPI and period, the actual, and their ratio. */
function Attainment(props: { filters: Filters; by: 'BRANCH' | 'PERSON'; branchId?: string }) {
  const { t, money, num, ratio } = useI18n();
  const { kpi, period } = props.filters;
  const result = useQuery(AttainmentDoc, { input: { kpi, period, by: props.by, branchId: props.branchId } });
  const id = props.by === 'BRANCH' ? 'attainment' : 'people-attainment';
  const figure = (v: string | null | undefined, measure: string, currency: string | null | undefined) =>
    v == null ? '—' : measure === 'AMOUNT' && currency ? money(v, currency) : num(v);
  return (
    <Panel
      id={id}
      title={`${t('attainment')} · ${t(kpi as Key)}`}
      result={result}
      isEmpty={(d) => d.kpiAttainment.length === 0}
      wide
    >
      {(d) => (
        <table>
          <thead>
            <tr>
              <th>{t('rank')}</th>
              <th>{t(props.by === 'BRANCH' ? 'branch' : 'person')}</th>
              <th>{t('target')}</th>
              <th>{t('actual')}</th>
              <th>{t('percent')}</th>
            </tr>
          </thead>
          <tbody>
            {d.kpiAttainment.map((l) => {
              const key = props.by === 'BRANCH' ? l.branchId : `${l.branchId}:${l.personId}`;
              return (
                <tr key={key} data-row={key}>
                  <td>{l.rank}</td>
                  <td>{l.name}</td>
                  <Fig cell={`${id}:${key}:target`} value={l.target}>
                    {figure(l.target, l.measure, l.currency)}
                  </Fig>
                  <Fig cell={`${id}:${key}:actual`} value={l.actual}>
                    {figure(l.actual, l.measure, l.currency)}
                  </Fig>
                  <Fig cell={`${id}:${key}:attainment`} value={l.attainment}>
                    {ratio(l.attainment)}
                  </Fig>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Trend(props: { filters: Filters; branchId?: string }) {
  const { t, num } = useI18n();
  const { kpi, period } = props.filters;
  const result = useQuery(TrendDoc, { input: { kpi, period, periods: 6, branchId: props.branchId } });
  return (
    <Panel
      id="trend"
      title={`${t('trend')} · ${t(kpi as Key)}`}
      result={result}
      isEmpty={(d) => d.kpiTrend.length === 0}
    >
      {(d) => {
        const max = Math.max(1, ...d.kpiTrend.map((p) => p.count));
        return (
          <div className="bars">
            {d.kpiTrend.map((p) => (
              <div className="trend-bar" key={p.period} data-cell={`trend:${p.period}:count`} data-value={p.count}>
                <div className="fill" style={{ height: `${(100 * p.count) / max}%` }} />
                <span className="value">{num(p.count)}</span>
                <span className="label">{p.period}</span>
              </div>
            ))}
          </div>
        );
      }}
    </Panel>
  );
}

function branchName(branches: Branch[], id: string): string {
  const b = branches.find((x) => x.id === id);
  return b ? b.name : id;
}

function Receivables(props: { branches: Branch[]; branchId?: string }) {
  const { t, money } = useI18n();
  const result = useQuery(ReceivablesDoc, { branchId: props.branchId });
  const cols = [
    ['outstanding', 'outstanding'],
    ['notDue', 'notDue'],
    ['days0to30', 'd0to30'],
    ['days31to60', 'd31to60'],
    ['days61to90', 'd61to90'],
    ['over90', 'over90'],
  ] as const;
  return (
    <Panel
      id="receivables"
      title={t('receivables')}
      result={result}
      isEmpty={(d) => d.branchReceivables.length === 0}
      wide
    >
      {(d) => (
        <table>
          <thead>
            <tr>
              <th>{t('branch')}</th>
              {cols.map(([, k]) => (
                <th key={k}>{t(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...d.branchReceivables]
              .sort((x, y) =>
                branchName(props.branches, x.branchId).localeCompare(branchName(props.branches, y.branchId)),
              )
              .map((r) => (
                <tr key={r.branchId} data-row={r.branchId}>
                  <td>{branchName(props.branches, r.branchId)}</td>
                  {cols.map(([f]) => (
                    <Fig key={f} cell={`receivables:${r.branchId}:${f}`} value={r[f]}>
                      {money(r[f], r.currency)}
                    </Fig>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function ApprovalOverview(props: { go: (p: string) => void }) {
  const { t, num } = useI18n();
  const result = useQuery(ApprovalOverviewDoc, {});
  return (
    <Panel id="approvals" title={t('approvals')} result={result} isEmpty={(d) => d.approvalOverview.length === 0}>
      {(d) => (
        <table>
          <thead>
            <tr>
              <th>{t('branch')}</th>
              <th>{t('pending')}</th>
              <th>{t('stalled')}</th>
              <th>{t('oldestPending')}</th>
            </tr>
          </thead>
          <tbody>
            {d.approvalOverview.map((a) => (
              <tr key={a.branch.id} data-row={a.branch.id}>
                <td>{a.branch.name}</td>
                <Fig cell={`approvals:${a.branch.id}:pending`} value={a.pending}>
                  {num(a.pending)}
                </Fig>
                <Fig cell={`approvals:${a.branch.id}:stalled`} value={a.stalled}>
                  {a.stalled > 0 ? (
                    <a
                      href={`/branches/${a.branch.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        props.go(`/branches/${a.branch.id}`);
                      }}
                    >
                      {num(a.stalled)}
                    </a>
                  ) : (
                    num(a.stalled)
                  )}
                </Fig>
                <Fig cell={`approvals:${a.branch.id}:oldest`} value={a.oldestPendingHours}>
                  {a.oldestPendingHours == null ? '—' : num(Math.round(a.oldestPendingHours))}
                </Fig>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Stalled(props: { branch: Branch }) {
  const { t, money, dateTime } = useI18n();
  const result = useQuery(StalledDoc, { branchId: props.branch.id });
  return (
    <Panel
      id="stalled"
      title={t('stalledApprovals')}
      result={result}
      isEmpty={(d) => d.stalledApprovals.totalCount === 0}
    >
      {(d) => (
        <table data-total={d.stalledApprovals.totalCount}>
          <thead>
            <tr>
              <th>{t('title_')}</th>
              <th>{t('submittedAt')}</th>
              <th>{t('amount')}</th>
            </tr>
          </thead>
          <tbody>
            {d.stalledApprovals.edges.map(({ node: a }) => (
              <tr key={a.id} data-row={a.id}>
                <td>{a.title}</td>
                <td>{dateTime(a.submittedAt, props.branch.timeZone)}</td>
                <Fig cell={`stalled:${a.id}:amount`} value={a.amount}>
                  {a.amount && a.currency ? money(a.amount, a.currency) : '—'}
                </Fig>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function MyApprovals(props: { branch: Branch }) {
  const { t, money, dateTime } = useI18n();
  const result = useQuery(MyApprovalsDoc, {});
  return (
    <Panel
      id="my-approvals"
      title={t('myApprovals')}
      result={result}
      isEmpty={(d) => d.myPendingApprovals.totalCount === 0}
    >
      {(d) => (
        <table data-total={d.myPendingApprovals.totalCount}>
          <thead>
            <tr>
              <th>{t('title_')}</th>
              <th>{t('submittedAt')}</th>
              <th>{t('amount')}</th>
            </tr>
          </thead>
          <tbody>
            {d.myPendingApprovals.edges.map(({ node: { request: a } }) => (
              <tr key={a.id} data-row={a.id}>
                <td>{a.title}</td>
                <td>{dateTime(a.submittedAt, props.branch.timeZone)}</td>
                <Fig cell={`my-approvals:${a.id}:amount`} value={a.amount}>
                  {a.amount && a.currency ? money(a.amount, a.currency) : '—'}
                </Fig>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

interface ComplaintRow {
  branchId: string;
  name: string;
  total: number;
  open: number;
  overdue: number;
}

function Complaints(props: { branches: Branch[]; branchId?: string; go?: (p: string) => void }) {
  const { t, num } = useI18n();
  const result = useQuery(ComplaintCountsDoc, { branchId: props.branchId });
  const rows = (d: {
    complaintCounts: { branchId: string; state: string; count: number; overdue: number; branch: { name: string } }[];
  }) => {
    const by = new Map<string, ComplaintRow>();
    for (const c of d.complaintCounts) {
      const r = by.get(c.branchId) ?? { branchId: c.branchId, name: c.branch.name, total: 0, open: 0, overdue: 0 };
      r.total += c.count;
      if (OPEN_COMPLAINT.has(c.state)) r.open += c.count;
      r.overdue += c.overdue;
      by.set(c.branchId, r);
    }
    return [...by.values()].sort((a, b) => a.name.localeCompare(b.name));
  };
  return (
    <Panel id="complaints" title={t('complaints')} result={result} isEmpty={(d) => d.complaintCounts.length === 0}>
      {(d) => (
        <table>
          <thead>
            <tr>
              <th>{t('branch')}</th>
              <th>{t('open')}</th>
              <th>{t('overdue')}</th>
              <th>{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {rows(d).map((r) => (
              <tr key={r.branchId} data-row={r.branchId}>
                <td>{branchName(props.branches, r.branchId)}</td>
                <Fig cell={`complaints:${r.branchId}:open`} value={r.open}>
                  {num(r.open)}
                </Fig>
                <Fig cell={`complaints:${r.branchId}:overdue`} value={r.overdue}>
                  {num(r.overdue)}
                </Fig>
                <Fig cell={`complaints:${r.branchId}:total`} value={r.total}>
                  {num(r.total)}
                </Fig>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

/** A sales rep's day: overdue contacts, open tasks, quotes waiting on the customer or on approval, the month's quota. */
export function MyDay(props: { userId: string; branch: Branch; period: string }): ReactNode {
  const { t, money, num, dateTime, day, percent } = useI18n();
  const userId = props.userId;
  const contacts = useQuery(OverdueContactsDoc, { userId });
  const tasks = useQuery(MyTasksDoc, { userId });
  const quotes = useQuery(MyQuotesDoc, { userId });
  const quota = useQuery(MyQuotaDoc, { userId, period: props.period });
  return (
    <div className="grid" data-view="my-day">
      <Panel
        id="overdue-contacts"
        title={t('overdueContacts')}
        result={contacts}
        isEmpty={(d) => d.customers.totalCount === 0}
      >
        {(d) => (
          <table data-total={d.customers.totalCount}>
            <tbody>
              {d.customers.edges.map(({ node: c }) => (
                <tr key={c.id} data-row={c.id}>
                  <td>{c.name}</td>
                  <td>{dateTime(c.nextContactDueAt, props.branch.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel id="tasks" title={t('tasks')} result={tasks} isEmpty={(d) => d.visitTasks.totalCount === 0}>
        {(d) => (
          <table data-total={d.visitTasks.totalCount}>
            <tbody>
              {d.visitTasks.edges.map(({ node: v }) => (
                <tr key={v.id} data-row={v.id} className={v.overdue ? 'overdue' : undefined}>
                  <td>{v.description}</td>
                  <td>{day(v.dueOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel
        id="quotes"
        title={t('pendingQuotes')}
        result={quotes}
        isEmpty={(d) => d.sent.totalCount + d.pendingApproval.totalCount === 0}
      >
        {(d) => (
          <table data-total={d.sent.totalCount + d.pendingApproval.totalCount}>
            <tbody>
              {[...d.pendingApproval.edges, ...d.sent.edges].map(({ node: q }) => (
                <tr key={q.id} data-row={q.id}>
                  <td>{q.title}</td>
                  <td>{t(q.state as Key)}</td>
                  <Fig cell={`quotes:${q.id}:total`} value={q.total}>
                    {money(q.total, q.currency)}
                  </Fig>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel
        id="quota"
        title={`${t('myQuota')} · ${props.period}`}
        result={quota}
        isEmpty={(d) => (d.repAttainment.edges[0]?.node.metrics.length ?? 0) === 0}
      >
        {(d) => (
          <table>
            <thead>
              <tr>
                <th>{t('kpi')}</th>
                <th>{t('target')}</th>
                <th>{t('actual')}</th>
                <th>{t('percent')}</th>
              </tr>
            </thead>
            <tbody>
              {d.repAttainment.edges[0]!.node.metrics.map((m) => (
                <tr key={m.metric} data-row={m.metric}>
                  <td>{t(m.metric as Key)}</td>
                  <Fig cell={`quota:${m.metric}:target`} value={m.target}>
                    {num(m.target)}
                  </Fig>
                  <Fig cell={`quota:${m.metric}:actual`} value={m.actual}>
                    {num(m.actual)}
                  </Fig>
                  <Fig cell={`quota:${m.metric}:percent`} value={m.percent}>
                    {percent(m.percent)}
                  </Fig>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
