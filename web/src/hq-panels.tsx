import { useState, type ReactNode } from 'react';
import { useI18n, type Key } from './i18n';
import {
  CustomerTiersDoc,
  CycleTimesDoc,
  DrillOverdueDoc,
  DrillPendingDoc,
  PartnerTiersDoc,
  PipelineDoc,
} from './queries';
import { Panel, Rows, useQuery } from './ui';

/** A figure that opens the rows behind it: the branch, and which rows. */
export interface Drill {
  kind: 'overdue' | 'pending';
  branch: { id: string; name: string };
}

/** The first and last business day of a month (YYYY-MM). */
export function monthDays(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

/** A count that opens its rows (a zero opens nothing). */
export function DrillLink(props: { count: number; open: () => void; children: ReactNode }): ReactNode {
  if (props.count === 0) return props.children;
  return (
    <button className="link" data-drill onClick={props.open}>
      {props.children}
    </button>
  );
}

/** Leads to quotes to contracts per branch in the month, with the win rate of the decided quotes. */
export function PipelinePanel(props: { period: string; branchId?: string }): ReactNode {
  const { t, num, money, ratio } = useI18n();
  const result = useQuery(PipelineDoc, { input: { ...monthDays(props.period), branchId: props.branchId } });
  const counts = [
    'leadsCreated',
    'leadsQualified',
    'quotesSent',
    'quotesWon',
    'quotesLost',
    'contractsSigned',
  ] as const;
  return (
    <Panel id="pipeline" title={t('pipeline')} result={result} isEmpty={(d) => d.salesPipeline.length === 0} wide>
      {(d) => (
        <Rows
          rows={d.salesPipeline}
          rowKey={(p) => p.branchId}
          cols={[
            { head: t('branch'), text: (p) => p.branch.name },
            ...counts.map((k) => ({
              head: t(k),
              fig: (p: (typeof d.salesPipeline)[number]) => ({
                cell: `pipeline:${p.branchId}:${k}`,
                value: p[k],
                text: num(p[k]),
              }),
            })),
            {
              head: t('signedAmount'),
              fig: (p) => ({
                cell: `pipeline:${p.branchId}:signedAmount`,
                value: p.signedAmount,
                text: money(p.signedAmount, p.currency),
              }),
            },
            {
              head: t('winRate'),
              fig: (p) => ({ cell: `pipeline:${p.branchId}:winRate`, value: p.winRate, text: ratio(p.winRate) }),
            },
          ]}
        />
      )}
    </Panel>
  );
}

const TIERS = ['HIGH', 'MEDIUM', 'LOW'] as const;

/** Customers per tier and the overdue contacts of each branch; the overdue figure opens the list of customers. */
export function CustomerTiersPanel(props: { drill: (d: Drill) => void }): ReactNode {
  const { t, num } = useI18n();
  const result = useQuery(CustomerTiersDoc, {});
  type Line = { id: string; name: string; tiers: Record<string, number>; overdue: number };
  const lines = (
    counts: { branch: { id: string; name: string }; tier: string; customers: number; overdueContacts: number }[],
  ) => {
    const by = new Map<string, Line>();
    for (const c of counts) {
      const l = by.get(c.branch.id) ?? { id: c.branch.id, name: c.branch.name, tiers: {}, overdue: 0 };
      l.tiers[c.tier] = (l.tiers[c.tier] ?? 0) + c.customers;
      l.overdue += c.overdueContacts;
      by.set(c.branch.id, l);
    }
    return [...by.values()].sort((a, b) => a.name.localeCompare(b.name));
  };
  return (
    <Panel
      id="customer-tiers"
      title={t('customerTiers')}
      result={result}
      isEmpty={(d) => d.customerTierCounts.length === 0}
    >
      {(d) => (
        <Rows
          rows={lines(d.customerTierCounts)}
          rowKey={(l) => l.id}
          cols={[
            { head: t('branch'), text: (l) => l.name },
            ...TIERS.map((tier) => ({
              head: t(tier),
              fig: (l: Line) => ({
                cell: `customer-tiers:${l.id}:${tier}`,
                value: l.tiers[tier] ?? 0,
                text: num(l.tiers[tier] ?? 0),
              }),
            })),
            {
              head: t('overdueContacts'),
              fig: (l) => ({
                cell: `customer-tiers:${l.id}:overdue`,
                value: l.overdue,
                text: (
                  <DrillLink count={l.overdue} open={() => props.drill({ kind: 'overdue', branch: l })}>
                    {num(l.overdue)}
                  </DrillLink>
                ),
              }),
            },
          ]}
        />
      )}
    </Panel>
  );
}

/** Median and p90 hours from submitted to decided, per branch and subject, for requests decided in the month. */
export function CycleTimesPanel(props: { period: string }): ReactNode {
  const { t, num } = useI18n();
  const result = useQuery(CycleTimesDoc, { input: monthDays(props.period) });
  return (
    <Panel id="cycle-times" title={t('cycleTimes')} result={result} isEmpty={(d) => d.approvalCycleTimes.length === 0}>
      {(d) => (
        <Rows
          rows={d.approvalCycleTimes}
          rowKey={(c) => `${c.branchId}:${c.subjectType}`}
          cols={[
            { head: t('branch'), text: (c) => c.branch.name },
            { head: t('subject'), text: (c) => c.subjectType },
            {
              head: t('decided'),
              fig: (c) => ({
                cell: `cycle-times:${c.branchId}:${c.subjectType}:decided`,
                value: c.decided,
                text: num(c.decided),
              }),
            },
            {
              head: t('medianHours'),
              fig: (c) => ({
                cell: `cycle-times:${c.branchId}:${c.subjectType}:median`,
                value: c.medianHours,
                text: num(c.medianHours),
              }),
            },
            {
              head: t('p90Hours'),
              fig: (c) => ({
                cell: `cycle-times:${c.branchId}:${c.subjectType}:p90`,
                value: c.p90Hours,
                text: num(c.p90Hours),
              }),
            },
          ]}
        />
      )}
    </Panel>
  );
}

/** The channels module's partners per tier per branch (a partner not evaluated yet has no tier: "—"). */
export function PartnerTiersPanel(): ReactNode {
  const { t, num } = useI18n();
  const result = useQuery(PartnerTiersDoc, {});
  return (
    <Panel
      id="partner-tiers"
      title={t('partnerTiers')}
      result={result}
      isEmpty={(d) => d.partnerCountsByTier.length === 0}
    >
      {(d) => (
        <Rows
          rows={d.partnerCountsByTier}
          rowKey={(p) => `${p.branch.id}:${p.tier ?? '-'}`}
          cols={[
            { head: t('branch'), text: (p) => p.branch.name },
            { head: t('tier'), text: (p) => p.tier ?? '—' },
            {
              head: t('count'),
              fig: (p) => ({
                cell: `partner-tiers:${p.branch.id}:${p.tier ?? '-'}`,
                value: p.count,
                text: num(p.count),
              }),
            },
          ]}
        />
      )}
    </Panel>
  );
}

/** The rows behind a figure, a page of 10 at a time (next and first page), with the total. */
export function DrillPanel(props: { drill: Drill; timeZone: string; close: () => void }): ReactNode {
  const { drill } = props;
  const [after, setAfter] = useState<string | undefined>(undefined);
  const vars = { branchId: drill.branch.id, after };
  return drill.kind === 'overdue' ? (
    <OverdueList {...props} vars={vars} page={setAfter} />
  ) : (
    <PendingList {...props} vars={vars} page={setAfter} />
  );
}

interface ListProps {
  drill: Drill;
  timeZone: string;
  close: () => void;
  vars: { branchId: string; after?: string };
  page: (after: string | undefined) => void;
}

function Pager(props: {
  next?: string | null;
  first: boolean;
  page: (after: string | undefined) => void;
  close: () => void;
}) {
  const { t } = useI18n();
  return (
    <p className="pager">
      {!props.first && (
        <button data-action="first-page" onClick={() => props.page(undefined)}>
          {t('firstPage')}
        </button>
      )}
      {props.next && (
        <button data-action="next-page" onClick={() => props.page(props.next!)}>
          {t('nextPage')}
        </button>
      )}
      <button data-action="close-drill" onClick={props.close}>
        {t('close')}
      </button>
    </p>
  );
}

function OverdueList(props: ListProps) {
  const { t, dateTime } = useI18n();
  const result = useQuery(DrillOverdueDoc, props.vars);
  return (
    <Panel
      id="drill"
      title={`${t('overdueContacts')} · ${props.drill.branch.name}`}
      result={result}
      isEmpty={(d) => d.customers.totalCount === 0}
      wide
    >
      {(d) => (
        <>
          <Rows
            rows={d.customers.edges.map((e) => e.node)}
            rowKey={(c) => c.id}
            total={d.customers.totalCount}
            cols={[
              { head: t('customer'), text: (c) => c.name },
              { head: t('tier'), text: (c) => t(c.tier as Key) },
              { head: t('owner'), text: (c) => c.owner?.displayName ?? '—' },
              { head: t('dueAt'), text: (c) => dateTime(c.nextContactDueAt, props.timeZone) },
            ]}
          />
          <Pager
            next={d.customers.pageInfo.hasNextPage ? d.customers.pageInfo.endCursor : null}
            first={!props.vars.after}
            page={props.page}
            close={props.close}
          />
        </>
      )}
    </Panel>
  );
}

function PendingList(props: ListProps) {
  const { t, money, dateTime } = useI18n();
  const result = useQuery(DrillPendingDoc, props.vars);
  return (
    <Panel
      id="drill"
      title={`${t('pending')} · ${props.drill.branch.name}`}
      result={result}
      isEmpty={(d) => d.pendingApprovals.totalCount === 0}
      wide
    >
      {(d) => (
        <>
          <Rows
            rows={d.pendingApprovals.edges.map((e) => e.node)}
            rowKey={(a) => a.id}
            total={d.pendingApprovals.totalCount}
            cols={[
              { head: t('title_'), text: (a) => a.title },
              { head: t('subject'), text: (a) => a.subjectType },
              { head: t('submittedAt'), text: (a) => dateTime(a.submittedAt, props.timeZone) },
              { head: t('amount'), text: (a) => (a.amount && a.currency ? money(a.amount, a.currency) : '—') },
            ]}
          />
          <Pager
            next={d.pendingApprovals.pageInfo.hasNextPage ? d.pendingApprovals.pageInfo.endCursor : null}
            first={!props.vars.after}
            page={props.page}
            close={props.close}
          />
        </>
      )}
    </Panel>
  );
}
