import { describe, expect, it } from '@jest/globals';
import { AppError, formatNumber, todayIn } from '@app/core';
import { ContractState as S, TRANSITIONS, nextState, transition, type ContractTransition } from './contract-state.js';
import { diffTerms } from './contract-diff.js';
import { numberRuleProblem, yearOf } from './contract-number.js';
import { renewalTerm } from './contract-term.js';

const ALL_STATES = Object.values(S);
const ALL_TRANSITIONS = Object.keys(TRANSITIONS) as ContractTransition[];

/** Every allowed edge, written out by hand: the table must say exactly this. */
const ALLOWED: [S, ContractTransition, S][] = [
  [S.DRAFT, 'SEND_TO_LEGAL', S.LEGAL_REVIEW],
  [S.LEGAL_REVIEW, 'LEGAL_APPROVED', S.NEGOTIATION],
  [S.LEGAL_REVIEW, 'LEGAL_RETURNED', S.DRAFT],
  [S.NEGOTIATION, 'TERMS_CHANGED', S.DRAFT],
  [S.NEGOTIATION, 'SUBMIT_FOR_APPROVAL', S.APPROVAL],
  [S.APPROVAL, 'APPROVAL_APPROVED', S.APPROVED],
  [S.APPROVAL, 'APPROVAL_RETURNED', S.NEGOTIATION],
  [S.APPROVAL, 'APPROVAL_WITHDRAWN', S.NEGOTIATION],
  [S.APPROVAL, 'APPROVAL_REJECTED', S.DRAFT],
  [S.APPROVED, 'SIGN', S.SIGNED],
  [S.SIGNED, 'ACTIVATE', S.ACTIVE],
  [S.ACTIVE, 'COMPLETE', S.COMPLETED],
  [S.SIGNED, 'TERMINATE', S.TERMINATED],
  [S.ACTIVE, 'TERMINATE', S.TERMINATED],
];

describe('contract state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, t, to) => {
    expect(nextState(from, t)).toBe(to);
    expect(transition(from, t)).toBe(to);
  });

  const illegal = ALL_STATES.flatMap((from) =>
    ALL_TRANSITIONS.filter((t) => !ALLOWED.some(([f, tt]) => f === from && tt === t)).map(
      (t) => [from, t] as [S, ContractTransition],
    ),
  );

  it('covers every (state, transition) pair: allowed ones above, the rest illegal', () => {
    expect(illegal.length + ALLOWED.length).toBe(ALL_STATES.length * ALL_TRANSITIONS.length);
  });

  it.each(illegal)('%s --%s--> is INVALID_STATE naming from and to', (from, t) => {
    expect(nextState(from, t)).toBeNull();
    let err: unknown;
    try {
      transition(from, t);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INVALID_STATE');
    expect((err as AppError).message).toContain(`from ${from} to ${TRANSITIONS[t].to}`);
  });

  it('signing is reachable only through APPROVED, and APPROVED only through an approval decision', () => {
    const into = (s: S) => ALL_TRANSITIONS.filter((t) => TRANSITIONS[t].to === s);
    expect(into(S.SIGNED)).toEqual(['SIGN']);
    expect(TRANSITIONS.SIGN.from).toEqual([S.APPROVED]);
    expect(into(S.APPROVED)).toEqual(['APPROVAL_APPROVED']);
  });

  it('negotiation is reachable only through a legal approval (the rep cannot skip legal review)', () => {
    const into = (s: S) => ALL_TRANSITIONS.filter((t) => TRANSITIONS[t].to === s);
    expect(into(S.NEGOTIATION).sort()).toEqual(['APPROVAL_RETURNED', 'APPROVAL_WITHDRAWN', 'LEGAL_APPROVED']);
    expect(into(S.APPROVAL)).toEqual(['SUBMIT_FOR_APPROVAL']);
    expect(TRANSITIONS.SUBMIT_FOR_APPROVAL.from).toEqual([S.NEGOTIATION]);
  });

  it('COMPLETED and TERMINATED are final', () => {
    for (const t of ALL_TRANSITIONS) {
      expect(nextState(S.COMPLETED, t)).toBeNull();
      expect(nextState(S.TERMINATED, t)).toBeNull();
    }
  });
});

describe('contract numbers', () => {
  it.each([
    ['{BRANCH}-HT-{YYYY}-{NNNN}', 'sh', 2026, 1, 'SH-HT-2026-0001'],
    ['{BRANCH}-HT-{YYYY}-{NNNN}', 'BJ', 2027, 123, 'BJ-HT-2027-0123'],
    ['{BRANCH}-HT-{YYYY}-{NNNN}', 'BJ', 2027, 12345, 'BJ-HT-2027-12345'],
    ['HT{YYYY}{NNNNNN}', 'SZ', 2026, 42, 'HT2026000042'],
  ])('%s for %s %i #%i is %s', (rule, code, year, sequence, expected) => {
    expect(formatNumber(rule, { branchCode: code, year, sequence })).toBe(expected);
  });

  it('the year is the signing date in the branch time zone', () => {
    const newYearsEveUtc = new Date('2026-12-31T17:00:00Z');
    expect(yearOf(todayIn('Asia/Shanghai', newYearsEveUtc))).toBe(2027);
    expect(yearOf(todayIn('UTC', newYearsEveUtc))).toBe(2026);
  });
});

describe('version diff', () => {
  const base = {
    title: 'Supply',
    amount: '100.50',
    currency: 'CNY',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    specialTerms: null,
  };
  it.each([
    [{}, []],
    [{ amount: '100.5' }, []],
    [{ amount: '200.00' }, [{ field: 'amount', from: '100.50', to: '200.00' }]],
    [
      { endsOn: '2027-06-30', specialTerms: 'Net 60' },
      [
        { field: 'endsOn', from: '2026-12-31', to: '2027-06-30' },
        { field: 'specialTerms', from: null, to: 'Net 60' },
      ],
    ],
  ])('changing %j gives %j', (change, expected) => {
    expect(diffTerms(base, { ...base, ...change })).toEqual(expected);
  });
});

describe('renewal term', () => {
  it.each([
    ['2027-01-01', '2027-12-31', undefined, '2028-01-01', '2028-12-31'],
    ['2027-03-01', '2027-05-31', undefined, '2027-06-01', '2027-08-31'],
    ['2027-01-31', '2027-02-27', undefined, '2027-02-28', '2027-03-27'],
    ['2027-01-10', '2027-01-19', undefined, '2027-01-20', '2027-01-29'],
    ['2027-01-01', '2027-12-31', '2028-03-01', '2028-03-01', '2029-02-28'],
  ])('%s..%s renewed (from %s) is %s..%s', (s, e, from, ns, ne) => {
    expect(renewalTerm(s, e, from)).toEqual({ startsOn: ns, endsOn: ne });
  });
});

describe('number rules a branch may set', () => {
  it.each([
    ['{BRANCH}-HT-{YYYY}-{NNNN}', null],
    ['HT/{YYYY}/{NNNNNN}', null],
    ['{BRANCH}-HT-{NNNN}', /\{YYYY\}/],
    ['{BRANCH}-{YYYY}', /sequence/],
    ['{YYYY}-{NN}', /sequence/],
    ['{YYYY}-{NNNN}-{NNNN}', /sequence/],
    ['{YYYY} {NNNN}', /only/],
    ['{YYYY}-{NNNN}-{MONTH}', /only/],
    ['', /1 to 60/],
  ])('%s', (rule, problem) => {
    const p = numberRuleProblem(rule);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toMatch(problem);
  });
});
