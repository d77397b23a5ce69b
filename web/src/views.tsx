import { useState, type ReactNode } from 'react';
import type {
  DashboardAttainmentQuery as AttainmentQuery,
  DashboardMeQuery,
  DashboardRankingQuery as RankingQuery,
  DashboardReceivablesQuery as ReceivablesQuery,
  Kpi,
  KpiMeasure,
} from './gql/graphql';
import {
  CustomerTiersPanel,
  CycleTimesPanel,
  DrillLink,
  DrillPanel,
  PartnerTiersPanel,
  PipelinePanel,
  type Drill,
} from './hq-panels';
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
import { Go, Panel, Rows, useQuery } from './ui';

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
  'SALES_AMOUNT',
  'GROSS_PROFIT',
  'COLLECTIONS',
  'SATISFACTION',
];

const OPEN_COMPLAINT = new Set(['RECEIVED', 'INVESTIGATING']);

/**
 * Head office: every branch side by side; a branch's name opens its own view, an overdue-contacts or pending figure
 * opens the rows behind it (paged) below the panels.
 */
export function HeadOffice(props: { filters: Filters; branches: Branch[]; go: (path: string) => void }): ReactNode {
  const { filters } = props;
  const [drill, setDrill] = useState<Drill | null>(null);
  const zone = (id: string) => props.branches.find((b) => b.id === id)?.timeZone ?? 'UTC';
  return (
    <div className="grid" data-view="head-office">
      <Ranking filters={filters} by="BRANCH" go={props.go} />
      <Attainment filters={filters} by="BRANCH" />
      <PipelinePanel period={filters.period} />
      <Trend filters={filters} />
      <Receivables branches={props.branches} />
      <ApprovalOverview go={props.go} drill={setDrill} />
      <CycleTimesPanel period={filters.period} />
      <CustomerTiersPanel drill={setDrill} />
      <PartnerTiersPanel />
      <Complaints branches={props.branches} go={props.go} />
      {drill && (
        <DrillPanel
          key={`${drill.kind}:${drill.branch.id}`}
          drill={drill}
          timeZone={zone(drill.branch.id)}
          close={() => setDrill(null)}
        />
      )}
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
  type Line = RankingQuery['kpiRanking'][number];
  const key = (l: Line) => (props.by === 'BRANCH' ? l.branchId : `${l.branchId}:${l.personId}`);
  return (
    <Panel
      id={id}
      title={`${t(id)} · ${t(kpi as Key)}`}
      result={result}
      isEmpty={(d) => d.kpiRanking.length === 0}
      wide
    >
      {(d) => (
        <Rows
          rows={d.kpiRanking}
          rowKey={key}
          cols={[
            { head: t('rank'), text: (l) => l.rank },
            {
              head: t(props.by === 'BRANCH' ? 'branch' : 'person'),
              text: (l) =>
                props.go && props.by === 'BRANCH' ? (
                  <Go to={`/branches/${l.branchId}`} go={props.go}>
                    {l.name}
                  </Go>
                ) : (
                  l.name
                ),
            },
            { head: t('count'), fig: (l) => ({ cell: `${id}:${key(l)}:count`, value: l.count, text: num(l.count) }) },
            {
              head: t('amount'),
              fig: (l) => ({ cell: `${id}:${key(l)}:amount`, value: l.amount, text: money(l.amount, l.currency) }),
            },
          ]}
        />
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
  type Line = AttainmentQuery['kpiAttainment'][number];
  const key = (l: Line) => (props.by === 'BRANCH' ? l.branchId : `${l.branchId}:${l.personId}`);
  const figure = (v: string | null | undefined, l: Line) =>
    v == null ? '—' : l.measure === 'AMOUNT' && l.currency ? money(v, l.currency) : num(v);
  return (
    <Panel
      id={id}
      title={`${t('attainment')} · ${t(kpi as Key)}`}
      result={result}
      isEmpty={(d) => d.kpiAttainment.length === 0}
      wide
    >
      {(d) => (
        <Rows
          rows={d.kpiAttainment}
          rowKey={key}
          cols={[
            { head: t('rank'), text: (l) => l.rank },
            { head: t(props.by === 'BRANCH' ? 'branch' : 'person'), text: (l) => l.name },
            {
              head: t('target'),
              fig: (l) => ({ cell: `${id}:${key(l)}:target`, value: l.target, text: figure(l.target, l) }),
            },
            {
              head: t('actual'),
              fig: (l) => ({ cell: `${id}:${key(l)}:actual`, value: l.actual, text: figure(l.actual, l) }),
            },
            {
              head: t('percent'),
              fig: (l) => ({ cell: `${id}:${key(l)}:attainment`, value: l.attainment, text: ratio(l.attainment) }),
            },
          ]}
        />
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

export function branchName(branches: Branch[], id: string): string {
  const b = branches.find((x) => x.id === id);
  return b ? b.name : id;
}

const AGEING = [
  ['outstanding', 'outstanding'],
  ['notDue', 'notDue'],
  ['days0to30', 'd0to30'],
  ['days31to60', 'd31to60'],
  ['days61to90', 'd61to90'],
  ['over90', 'over90'],
] as const;

function Receivables(props: { branches: Branch[]; branchId?: string }) {
  const { t, money } = useI18n();
  const result = useQuery(ReceivablesDoc, { branchId: props.branchId });
  const name = (id: string) => branchName(props.branches, id);
  return (
    <Panel
      id="receivables"
      title={t('receivables')}
      result={result}
      isEmpty={(d) => d.branchReceivables.length === 0}
      wide
    >
      {(d) => (
        <Rows
          rows={[...d.branchReceivables].sort((x, y) => name(x.branchId).localeCompare(name(y.branchId)))}
          rowKey={(r) => r.branchId}
          cols={[
            { head: t('branch'), text: (r) => name(r.branchId) },
            ...AGEING.map(([f, k]) => ({
              head: t(k),
              fig: (r: ReceivablesQuery['branchReceivables'][number]) => ({
                cell: `receivables:${r.branchId}:${f}`,
                value: r[f],
                text: money(r[f], r.currency),
              }),
            })),
          ]}
        />
      )}
    </Panel>
  );
}

function ApprovalOverview(props: { go: (p: string) => void; drill: (d: Drill) => void }) {
  const { t, num } = useI18n();
  const result = useQuery(ApprovalOverviewDoc, {});
  return (
    <Panel id="approvals" title={t('approvals')} result={result} isEmpty={(d) => d.approvalOverview.length === 0}>
      {(d) => (
        <Rows
          rows={d.approvalOverview}
          rowKey={(a) => a.branch.id}
          cols={[
            { head: t('branch'), text: (a) => a.branch.name },
            {
              head: t('pending'),
              fig: (a) => ({
                cell: `approvals:${a.branch.id}:pending`,
                value: a.pending,
                text: (
                  <DrillLink count={a.pending} open={() => props.drill({ kind: 'pending', branch: a.branch })}>
                    {num(a.pending)}
                  </DrillLink>
                ),
              }),
            },
            {
              head: t('stalled'),
              fig: (a) => ({
                cell: `approvals:${a.branch.id}:stalled`,
                value: a.stalled,
                text:
                  a.stalled > 0 ? (
                    <Go to={`/branches/${a.branch.id}`} go={props.go}>
                      {num(a.stalled)}
                    </Go>
                  ) : (
                    num(a.stalled)
                  ),
              }),
            },
            {
              head: t('oldestPending'),
              fig: (a) => ({
                cell: `approvals:${a.branch.id}:oldest`,
                value: a.oldestPendingHours,
                text: a.oldestPendingHours == null ? '—' : num(Math.round(a.oldestPendingHours)),
              }),
            },
          ]}
        />
      )}
    </Panel>
  );
}

/** Requests in a list (stalled for head office, waiting for the manager): title, submitted, amount. */
function RequestRows(props: {
  id: string;
  branch: Branch;
  total: number;
  rows: { id: string; title: string; submittedAt: string; amount?: string | null; currency?: string | null }[];
}) {
  const { t, money, dateTime } = useI18n();
  return (
    <Rows
      rows={props.rows}
      rowKey={(a) => a.id}
      total={props.total}
      cols={[
        { head: t('title_'), text: (a) => a.title },
        { head: t('submittedAt'), text: (a) => dateTime(a.submittedAt, props.branch.timeZone) },
        {
          head: t('amount'),
          fig: (a) => ({
            cell: `${props.id}:${a.id}:amount`,
            value: a.amount,
            text: a.amount && a.currency ? money(a.amount, a.currency) : '—',
          }),
        },
      ]}
    />
  );
}

function Stalled(props: { branch: Branch }) {
  const { t } = useI18n();
  const result = useQuery(StalledDoc, { branchId: props.branch.id });
  return (
    <Panel
      id="stalled"
      title={t('stalledApprovals')}
      result={result}
      isEmpty={(d) => d.stalledApprovals.totalCount === 0}
    >
      {(d) => (
        <RequestRows
          id="stalled"
          branch={props.branch}
          total={d.stalledApprovals.totalCount}
          rows={d.stalledApprovals.edges.map((e) => e.node)}
        />
      )}
    </Panel>
  );
}

function MyApprovals(props: { branch: Branch }) {
  const { t } = useI18n();
  const result = useQuery(MyApprovalsDoc, {});
  return (
    <Panel
      id="my-approvals"
      title={t('myApprovals')}
      result={result}
      isEmpty={(d) => d.myPendingApprovals.totalCount === 0}
    >
      {(d) => (
        <RequestRows
          id="my-approvals"
          branch={props.branch}
          total={d.myPendingApprovals.totalCount}
          rows={d.myPendingApprovals.edges.map((e) => e.node.request)}
        />
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
        <Rows
          rows={rows(d)}
          rowKey={(r) => r.branchId}
          cols={[
            { head: t('branch'), text: (r) => branchName(props.branches, r.branchId) },
            ...(['open', 'overdue', 'total'] as const).map((k) => ({
              head: t(k),
              fig: (r: ComplaintRow) => ({ cell: `complaints:${r.branchId}:${k}`, value: r[k], text: num(r[k]) }),
            })),
          ]}
        />
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
          <Rows
            rows={d.customers.edges.map((e) => e.node)}
            rowKey={(c) => c.id}
            total={d.customers.totalCount}
            cols={[{ text: (c) => c.name }, { text: (c) => dateTime(c.nextContactDueAt, props.branch.timeZone) }]}
          />
        )}
      </Panel>
      <Panel id="tasks" title={t('tasks')} result={tasks} isEmpty={(d) => d.visitTasks.totalCount === 0}>
        {(d) => (
          <Rows
            rows={d.visitTasks.edges.map((e) => e.node)}
            rowKey={(v) => v.id}
            total={d.visitTasks.totalCount}
            rowClass={(v) => (v.overdue ? 'overdue' : undefined)}
            cols={[{ text: (v) => v.description }, { text: (v) => day(v.dueOn) }]}
          />
        )}
      </Panel>
      <Panel
        id="quotes"
        title={t('pendingQuotes')}
        result={quotes}
        isEmpty={(d) => d.sent.totalCount + d.pendingApproval.totalCount === 0}
      >
        {(d) => (
          <Rows
            rows={[...d.pendingApproval.edges, ...d.sent.edges].map((e) => e.node)}
            rowKey={(q) => q.id}
            total={d.sent.totalCount + d.pendingApproval.totalCount}
            cols={[
              { text: (q) => q.title },
              { text: (q) => t(q.state as Key) },
              { fig: (q) => ({ cell: `quotes:${q.id}:total`, value: q.total, text: money(q.total, q.currency) }) },
            ]}
          />
        )}
      </Panel>
      <Panel
        id="quota"
        title={`${t('myQuota')} · ${props.period}`}
        result={quota}
        isEmpty={(d) => (d.repAttainment.edges[0]?.node.metrics.length ?? 0) === 0}
      >
        {(d) => (
          <Rows
            rows={d.repAttainment.edges[0]!.node.metrics}
            rowKey={(m) => m.metric}
            cols={[
              { head: t('kpi'), text: (m) => t(m.metric as Key) },
              {
                head: t('target'),
                fig: (m) => ({ cell: `quota:${m.metric}:target`, value: m.target, text: num(m.target) }),
              },
              {
                head: t('actual'),
                fig: (m) => ({ cell: `quota:${m.metric}:actual`, value: m.actual, text: num(m.actual) }),
              },
              {
                head: t('percent'),
                fig: (m) => ({ cell: `quota:${m.metric}:percent`, value: m.percent, text: percent(m.percent) }),
              },
            ]}
          />
        )}
      </Panel>
    </div>
  );
}
