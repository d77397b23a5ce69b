import { createContext, useContext } from 'react';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];
const KEY = 'dashboard.locale';

const zh = {
  title: '经营看板',
  signIn: '登录',
  signOut: '退出',
  email: '邮箱',
  password: '密码',
  signInFailed: '登录失败',
  language: 'English',
  loading: '加载中…',
  empty: '暂无数据',
  error: '加载失败',
  retry: '重试',
  period: '期间',
  kpi: '指标',
  measure: '口径',
  COUNT: '数量',
  AMOUNT: '金额',
  headOffice: '总部看板',
  branchView: '分支机构看板',
  myDay: '我的一天',
  backToAll: '返回全部分支',
  queues: '任务队列',
  noAccess: '您没有权限查看总部看板',
  comparison: '分支机构对比',
  attainment: '目标完成情况',
  people: '人员排名',
  trend: '趋势',
  receivables: '应收账款账龄',
  approvals: '待审批与停滞审批',
  stalledApprovals: '停滞审批',
  myApprovals: '待我审批',
  complaints: '客户投诉',
  rank: '排名',
  branch: '分支机构',
  person: '人员',
  count: '数量',
  amount: '金额',
  outstanding: '未收余额',
  notDue: '未到期',
  d0to30: '0–30天',
  d31to60: '31–60天',
  d61to90: '61–90天',
  over90: '90天以上',
  pending: '待审批',
  stalled: '停滞',
  oldestPending: '最久待审（小时）',
  open: '未结',
  overdue: '逾期',
  total: '合计',
  title_: '标题',
  submittedAt: '提交时间',
  overdueContacts: '逾期未联系客户',
  dueAt: '应联系时间',
  tasks: '我的待办任务',
  dueOn: '截止日期',
  pendingQuotes: '待处理报价',
  state: '状态',
  myQuota: '我的指标完成情况',
  target: '目标',
  actual: '实际',
  percent: '完成率',
  customer: '客户',
  VALID_LEADS: '有效线索',
  NEW_CUSTOMERS: '新增客户',
  QUOTES_SENT: '已发报价',
  CONTRACTS_SIGNED: '签约合同',
  EFFECTIVE_VISITS: '有效拜访',
  COMPLAINTS_RESOLVED_IN_TIME: '投诉按时解决',
  SALES_AMOUNT: '销售额',
  GROSS_PROFIT: '毛利',
  COLLECTIONS: '回款',
  SATISFACTION: '客户满意度',
  PROPOSALS_SENT: '已发方案',
  SENT: '已发送',
  PENDING_APPROVAL: '待审批',
  APPROVED: '已批准',
  DRAFT: '草稿',
  pipeline: '销售漏斗与赢单率',
  leadsCreated: '新增线索',
  leadsQualified: '合格线索',
  quotesSent: '已发报价',
  quotesWon: '赢单',
  quotesLost: '丢单',
  contractsSigned: '签约合同',
  signedAmount: '签约金额',
  winRate: '赢单率',
  customerTiers: '客户分级与逾期联系',
  HIGH: '高价值',
  MEDIUM: '中价值',
  LOW: '低价值',
  cycleTimes: '审批周期（小时）',
  subject: '审批事项',
  decided: '已决',
  medianHours: '中位数',
  p90Hours: 'P90',
  partnerTiers: '渠道伙伴分级',
  tier: '等级',
  owner: '负责人',
  firstPage: '第一页',
  nextPage: '下一页',
  close: '关闭',
};

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'Operations dashboard',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'E-mail',
  password: 'Password',
  signInFailed: 'Sign-in failed',
  language: '中文',
  loading: 'Loading…',
  empty: 'Nothing yet',
  error: 'Could not load',
  retry: 'Retry',
  period: 'Period',
  kpi: 'KPI',
  measure: 'Measure',
  COUNT: 'Count',
  AMOUNT: 'Amount',
  headOffice: 'Head office',
  branchView: 'Branch',
  myDay: 'My day',
  backToAll: 'Back to all branches',
  queues: 'Job queues',
  noAccess: 'You may not open the head-office dashboard',
  comparison: 'Branch comparison',
  attainment: 'Against target',
  people: 'People ranking',
  trend: 'Trend',
  receivables: 'Receivables ageing',
  approvals: 'Pending and stalled approvals',
  stalledApprovals: 'Stalled approvals',
  myApprovals: 'Waiting for my decision',
  complaints: 'Complaints',
  rank: 'Rank',
  branch: 'Branch',
  person: 'Person',
  count: 'Count',
  amount: 'Amount',
  outstanding: 'Outstanding',
  notDue: 'Not due',
  d0to30: '0–30 days',
  d31to60: '31–60 days',
  d61to90: '61–90 days',
  over90: 'Over 90 days',
  pending: 'Pending',
  stalled: 'Stalled',
  oldestPending: 'Oldest pending (hours)',
  open: 'Open',
  overdue: 'Overdue',
  total: 'Total',
  title_: 'Title',
  submittedAt: 'Submitted',
  overdueContacts: 'Overdue contacts',
  dueAt: 'Contact due',
  tasks: 'My open tasks',
  dueOn: 'Due',
  pendingQuotes: 'Pending quotes',
  state: 'State',
  myQuota: 'My quota',
  target: 'Target',
  actual: 'Actual',
  percent: 'Attainment',
  customer: 'Customer',
  VALID_LEADS: 'Valid leads',
  NEW_CUSTOMERS: 'New customers',
  QUOTES_SENT: 'Quotes sent',
  CONTRACTS_SIGNED: 'Contracts signed',
  EFFECTIVE_VISITS: 'Effective visits',
  COMPLAINTS_RESOLVED_IN_TIME: 'Complaints resolved in time',
  SALES_AMOUNT: 'Sales amount',
  GROSS_PROFIT: 'Gross profit',
  COLLECTIONS: 'Collections',
  SATISFACTION: 'Customer satisfaction',
  PROPOSALS_SENT: 'Proposals sent',
  SENT: 'Sent',
  PENDING_APPROVAL: 'Pending approval',
  APPROVED: 'Approved',
  DRAFT: 'Draft',
  pipeline: 'Pipeline and win rate',
  leadsCreated: 'Leads',
  leadsQualified: 'Qualified',
  quotesSent: 'Quotes sent',
  quotesWon: 'Won',
  quotesLost: 'Lost',
  contractsSigned: 'Contracts signed',
  signedAmount: 'Signed value',
  winRate: 'Win rate',
  customerTiers: 'Customers by tier, overdue contacts',
  HIGH: 'High value',
  MEDIUM: 'Medium value',
  LOW: 'Low value',
  cycleTimes: 'Approval cycle times (hours)',
  subject: 'Subject',
  decided: 'Decided',
  medianHours: 'Median',
  p90Hours: 'P90',
  partnerTiers: 'Partners by tier',
  tier: 'Tier',
  owner: 'Owner',
  firstPage: 'First page',
  nextPage: 'Next page',
  close: 'Close',
};

export const MESSAGES: Record<Locale, Record<Key, string>> = { 'zh-CN': zh, en };

/** Simplified Chinese unless the person chose English on this browser before. */
export function savedLocale(): Locale {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function saveLocale(l: Locale): void {
  try {
    localStorage.setItem(KEY, l);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export interface I18n {
  locale: Locale;
  t: (k: Key) => string;
  /** Money in its own currency: a decimal string, formatted exactly (Intl reads the string, no float). */
  money: (amount: string | null | undefined, currency: string) => string;
  num: (n: number | string) => string;
  percent: (p: string | null | undefined) => string;
  /** A ratio as an exact decimal (1.0000 = 100 %), shown as a percentage. */
  ratio: (r: string | null | undefined) => string;
  /** An instant, in a branch's time zone. */
  dateTime: (iso: string, timeZone: string) => string;
  /** A business day (YYYY-MM-DD): no time zone to convert. */
  day: (d: string) => string;
}

export function makeI18n(locale: Locale): I18n {
  const nums = new Intl.NumberFormat(locale);
  return {
    locale,
    t: (k) => MESSAGES[locale][k],
    money: (amount, currency) =>
      amount == null
        ? '—'
        : new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as Intl.StringNumericLiteral),
    num: (n) => nums.format(n as number),
    percent: (p) => (p == null ? '—' : `${nums.format(p as Intl.StringNumericLiteral)}%`),
    ratio: (r) =>
      r == null
        ? '—'
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
            r as Intl.StringNumericLiteral,
          ),
    dateTime: (iso, timeZone) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)),
    day: (d) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('zh-CN'));
export const useI18n = (): I18n => useContext(I18nContext);

/** This month (YYYY-MM) in a time zone: the default period. */
export function monthIn(timeZone: string, at = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}`;
}
