import { BadUserInputError, InvalidStateError, toCents } from '@app/core';
import { IssuedTenderState } from './issued-tender.enums.js';
import { ProcurementConflict } from './procurement-rules.js';

/** Human issued tender numbers (招标): the branch code, the year and a gap-free sequence. */
export const ISSUED_TENDER_NUMBER_RULE = 'IT-{BRANCH}-{YYYY}-{NNNN}';

/** Fewer valid bids than this and the tender fails (流标): the tender law asks for at least three bidders. */
export const MIN_VALID_BIDS = 3;

/** The smallest committee; the committee has an odd number of members (no tied vote). */
export const MIN_COMMITTEE = 3;

/** Roles of the branch that may sit on a committee: they read procurement (a sales rep does not). */
export const COMMITTEE_ROLES = ['BRANCH_MANAGER', 'CLERK', 'FINANCE'];

const S = IssuedTenderState;

export type IssuedTenderMove = 'ANNOUNCE' | 'OPEN' | 'OPEN_FAILED' | 'FAIL' | 'AWARD' | 'CANCEL';

/** The transition table: each move, the states it may start from and the state it reaches. */
export const ISSUED_TENDER_MOVES: Readonly<
  Record<IssuedTenderMove, { from: readonly IssuedTenderState[]; to: IssuedTenderState }>
> = {
  ANNOUNCE: { from: [S.DRAFT], to: S.ANNOUNCED },
  OPEN: { from: [S.ANNOUNCED], to: S.EVALUATING },
  OPEN_FAILED: { from: [S.ANNOUNCED], to: S.FAILED },
  FAIL: { from: [S.EVALUATING], to: S.FAILED },
  AWARD: { from: [S.EVALUATING], to: S.AWARDED },
  CANCEL: { from: [S.DRAFT, S.ANNOUNCED, S.EVALUATING], to: S.CANCELLED },
};

/** The target state of a move, or INVALID_STATE naming the current state and the wanted one. */
export function issuedTenderMove(from: IssuedTenderState, move: IssuedTenderMove): IssuedTenderState {
  const edge = ISSUED_TENDER_MOVES[move];
  if (!edge.from.includes(from)) {
    throw new InvalidStateError(
      `An issued tender cannot move from ${from} to ${edge.to} (${move.toLowerCase().replace(/_/g, ' ')} needs ` +
        `${edge.from.join(' or ')})`,
    );
  }
  return edge.to;
}

/** The price weight and the technical criteria's weights sum to exactly 100 (BAD_USER_INPUT naming the sum). */
export function checkWeights(priceWeight: string, weights: readonly string[]): void {
  const sum = weights.reduce((s, w) => s + toCents(w), toCents(priceWeight));
  if (sum !== 10000n) {
    const shown = `${sum / 100n}.${(sum % 100n).toString().padStart(2, '0')}`;
    throw BadUserInputError.field(
      'criteria',
      `the price weight and the criteria's weights must sum to 100; they sum to ${shown}`,
    );
  }
}

export interface CommitteeCandidate {
  userId: string;
  /** The person's role in the tender's branch; undefined when not of its staff. */
  role: string | undefined;
}

/**
 * The committee: at least 3 distinct people of the branch's staff who read procurement, an odd number, at least
 * one from finance, and the chair among them (BAD_USER_INPUT naming the field otherwise).
 */
export function checkCommittee(members: readonly CommitteeCandidate[], chairId: string): void {
  const seen = new Set<string>();
  for (const [i, m] of members.entries()) {
    const field = `committee.memberIds[${i}]`;
    if (seen.has(m.userId)) throw BadUserInputError.field(field, 'is named twice');
    seen.add(m.userId);
    if (!m.role) throw BadUserInputError.field(field, 'is not a person of the tender’s branch');
    if (!COMMITTEE_ROLES.includes(m.role)) {
      throw BadUserInputError.field(
        field,
        `is ${m.role}: a committee member is a branch manager, back-office clerk or finance reviewer`,
      );
    }
  }
  if (members.length < MIN_COMMITTEE) {
    throw BadUserInputError.field(
      'committee.memberIds',
      `name at least ${MIN_COMMITTEE} members (${members.length} named)`,
    );
  }
  if (members.length % 2 === 0) {
    throw BadUserInputError.field('committee.memberIds', `name an odd number of members (${members.length} named)`);
  }
  if (!members.some((m) => m.role === 'FINANCE')) {
    throw BadUserInputError.field('committee.memberIds', 'name at least one member from finance');
  }
  if (!seen.has(chairId)) throw BadUserInputError.field('committee.chairId', 'must be one of the members');
}

// ---------- scoring ----------

export interface RankBid {
  id: string;
  /** The bid price, 2 decimals. */
  amount: string;
}

export interface RankInput {
  priceWeight: string;
  criteria: readonly { id: string; weight: string }[];
  memberIds: readonly string[];
  /** Valid bids only. */
  bids: readonly RankBid[];
  /** A member's score of a bid on a criterion (2 decimals), by `${bidId}:${criterionId}:${memberId}`. */
  scores: ReadonlyMap<string, string>;
}

export interface RankRow {
  bidId: string;
  /** 100 × lowest price ÷ this price, half-up to 4 decimals. */
  priceScore: string;
  /** Σ weight × average member score ÷ 100 over the technical criteria, half-up to 4 decimals. */
  technicalPoints: string;
  /** The weighted total: (price weight × price score + Σ weight × score) ÷ 100, averaged over members, half-up. */
  total: string;
  /** 1 + the number of bids with a higher total (equal totals share a rank). */
  rank: number;
}

export interface Ranking {
  /** Every member scored every valid bid on every criterion. */
  complete: boolean;
  /** The lowest valid price, or null without bids. */
  lowestPrice: string | null;
  /** Best first; equal totals by price, then bid id. */
  rows: RankRow[];
  /** The ids of the bids ranked first when more than one is (a tie for first), else []. */
  tiedForFirst: string[];
}

const SCALE = 10_000n; // totals and scores carry 4 decimals

/** n / d (non-negative) half-up to 4 decimals, as text. */
function fourDecimals(n: bigint, d: bigint): { q: bigint; text: string } {
  const q = (2n * n * SCALE + d) / (2n * d);
  return { q, text: `${q / SCALE}.${(q % SCALE).toString().padStart(4, '0')}` };
}

/**
 * The ranking, exact until one rounding at the end: with price P, lowest price L, price weight pw, criteria weights
 * w_c and the M members' scores s_mc, total = pw × L / P + Σ_c w_c × (Σ_m s_mc) / (100 × M), computed as one fraction
 * of integers (cents and hundredths) and rounded half-up to 4 decimals; the ranking compares the rounded totals.
 * A missing score counts as 0 (the ranking is then not complete).
 */
export function rankBids(input: RankInput): Ranking {
  if (!input.bids.length) return { complete: true, lowestPrice: null, rows: [], tiedForFirst: [] };
  const cents = input.bids.map((b) => toCents(b.amount));
  const lowest = cents.reduce((a, b) => (b < a ? b : a));
  const pw = toCents(input.priceWeight);
  const m = BigInt(Math.max(input.memberIds.length, 1));
  let complete = true;
  const rows = input.bids.map((bid, i) => {
    const price = cents[i];
    let t = 0n; // Σ_c w100_c × Σ_m s100_mc
    for (const c of input.criteria) {
      let sum = 0n;
      for (const member of input.memberIds) {
        const s = input.scores.get(`${bid.id}:${c.id}:${member}`);
        if (s === undefined) complete = false;
        else sum += toCents(s);
      }
      t += toCents(c.weight) * sum;
    }
    // total = pw100 × L / (100 P) + t / (10^6 M) = (pw100 × L × 10^4 × M + t × P) / (10^6 × M × P)
    const total = fourDecimals(pw * lowest * 10_000n * m + t * price, 1_000_000n * m * price);
    return {
      bidId: bid.id,
      price,
      q: total.q,
      priceScore: fourDecimals(100n * lowest, price).text,
      technicalPoints: fourDecimals(t, 1_000_000n * m).text,
      total: total.text,
      rank: 0,
    };
  });
  rows.sort((a, b) =>
    a.q !== b.q
      ? a.q > b.q
        ? -1
        : 1
      : a.price !== b.price
        ? a.price < b.price
          ? -1
          : 1
        : a.bidId.localeCompare(b.bidId),
  );
  for (const r of rows) r.rank = 1 + rows.filter((o) => o.q > r.q).length;
  const first = rows.filter((r) => r.rank === 1);
  return {
    complete,
    lowestPrice: `${lowest / 100n}.${(lowest % 100n).toString().padStart(2, '0')}`,
    rows: rows.map(({ price: _p, q: _q, ...r }) => r),
    tiedForFirst: first.length > 1 ? first.map((r) => r.bidId) : [],
  };
}

/** Choosing while bids share the first rank (and the chair has not broken the tie among them). */
export const tenderTie = (bidIds: readonly string[], total: string) =>
  new ProcurementConflict(
    'TENDER_TIE',
    `${bidIds.length} bids share the first rank with ${total} points: the committee re-scores, or the chair breaks ` +
      'the tie (breakIssuedTenderTie, with a reason) before the winner is chosen',
    { bidIds, total },
  );

/** Choosing before every member scored every valid bid on every criterion. */
export const scoresIncomplete = () =>
  new ProcurementConflict(
    'SCORES_INCOMPLETE',
    'Not every committee member has scored every valid bid on every technical criterion: score them first',
  );
