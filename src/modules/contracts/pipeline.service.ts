import { Injectable } from '@nestjs/common';
import { moneyText, type RequestContext } from '@app/core';
import { SqlFilter, checkPeriod, inPeriodSql, type BranchPeriodInput } from '@app/graphql';
import { CustomerFiguresService } from '../customers/customer-figures.service.js';
import { Contracts } from './contract.entity.js';
import type { BranchPipeline } from './pipeline.types.js';
import { Quotes } from './quote.entity.js';
import { QuoteState } from './quote-state.js';

type QuoteRow = Omit<BranchPipeline, 'leadsCreated' | 'leadsQualified'>;

/**
 * The sales pipeline per branch in a period, from leads to quotes to contracts with the win rate: two statements
 * whatever the number of branches or rows (the leads from the customers module, quotes and contracts here).
 */
@Injectable()
export class PipelineService {
  constructor(private readonly customers: CustomerFiguresService) {}

  async pipeline(ctx: RequestContext, input: BranchPeriodInput): Promise<BranchPipeline[]> {
    checkPeriod(input);
    const quotes = await this.quoteFunnel(ctx, input);
    const leads = new Map((await this.customers.leadFunnel(ctx, input)).map((l) => [l.branchId, l]));
    return quotes.map((q) => ({
      ...q,
      leadsCreated: leads.get(q.branchId)?.created ?? 0,
      leadsQualified: leads.get(q.branchId)?.qualified ?? 0,
    }));
  }

  /** Quotes sent, won and lost, contracts signed, per branch in scope (a sales rep: their own). */
  private async quoteFunnel(ctx: RequestContext, input: BranchPeriodInput): Promise<QuoteRow[]> {
    const f = new SqlFilter().branches(ctx, input.branchId, 'sb.id').where(`sb.kind = 'BRANCH'`);
    const from = f.param(input.from, 'date');
    const to = f.param(input.to, 'date');
    const q = (p: Parameters<typeof Quotes.col>[0]) => Quotes.col(p, 'q');
    const c = (p: Parameters<typeof Contracts.col>[0]) => Contracts.col(p, 'c');
    const mine = (col: string) => (ctx.ownOnly ? `AND ${col} = ${f.param(ctx.actor!.userId, 'uuid')}` : '');
    const lost = f.param([QuoteState.DECLINED, QuoteState.EXPIRED], 'text[]');
    const tx = await ctx.tx();
    const rows = await tx.query<{
      branch_id: string;
      currency: string;
      sent: number;
      won: number;
      lost: number;
      signed: number;
      amount: string;
      win_rate: string | null;
    }>(
      `SELECT sb.id AS branch_id, sb.currency, qs.sent, qs.won, qs.lost, cs.signed, cs.amount::text AS amount,
         round(qs.won::numeric / nullif(qs.won + qs.lost, 0), 4)::text AS win_rate
       FROM scope_branches sb
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS sent,
           (count(*) FILTER (WHERE ${c('signedOn')} IS NOT NULL))::int AS won,
           (count(*) FILTER (WHERE ${q('state')} = ANY(${lost})))::int AS lost
         FROM quotes q LEFT JOIN contracts c ON ${c('branchId')} = ${q('branchId')} AND ${c('id')} = ${q('contractId')}
         WHERE ${q('branchId')} = sb.id AND ${inPeriodSql(q('sentAt'), from, to, 'sb.time_zone')} ${mine(q('ownerId'))}
       ) qs
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS signed, coalesce(sum(${c('amount')}), 0) AS amount
         FROM contracts c
         WHERE ${c('branchId')} = sb.id AND ${c('signedOn')} BETWEEN ${from} AND ${to} ${mine(c('ownerId'))}
       ) cs
       WHERE ${f.sql}
       ORDER BY sb.code, sb.id`,
      f.params,
    );
    return rows.map((r) => ({
      branchId: r.branch_id,
      quotesSent: r.sent,
      quotesWon: r.won,
      quotesLost: r.lost,
      contractsSigned: r.signed,
      signedAmount: moneyText(r.amount),
      currency: r.currency,
      winRate: r.win_rate,
    }));
  }
}
