import { fromCents, toCents } from '@app/core';

/** The figures of a budget the rules read (decimal strings). */
export interface BudgetFigures {
  amount: string;
  spent: string;
  approvedOverrun: string;
}

/** What is left of a budget: its amount and approved overrun less what is spent (never negative). */
export function budgetLeft(b: BudgetFigures): string {
  const left = toCents(b.amount) + toCents(b.approvedOverrun) - toCents(b.spent);
  return fromCents(left < 0n ? 0n : left);
}

/**
 * Why a spending of `amount` needs approval, or null when it may be recorded at once: above what is left of the
 * budget, or above its source's own allowance (a trip's approved amount, a reception's planned one).
 */
export function spendingCheck(
  b: BudgetFigures,
  amount: string,
  allowance?: { limit: string; over: string },
): string | null {
  const reasons: string[] = [];
  if (allowance && toCents(amount) > toCents(allowance.limit)) reasons.push(allowance.over);
  const left = budgetLeft(b);
  if (toCents(amount) > toCents(left))
    reasons.push(`${fromCents(toCents(amount))} is more than the ${left} left of the budget`);
  return reasons.length ? reasons.join('; ') : null;
}

/** The budget after an approved overrun of `amount`: spent grows by it, the overrun by exactly what it needs. */
export function overrunOf(b: BudgetFigures, amount: string): { spent: string; approvedOverrun: string } {
  const spent = toCents(b.spent) + toCents(amount);
  const need = spent - toCents(b.amount);
  const overrun = toCents(b.approvedOverrun);
  return { spent: fromCents(spent), approvedOverrun: fromCents(need > overrun ? need : overrun) };
}
