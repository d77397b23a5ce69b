/** The terms a version keeps: what an amendment can change, and what the diff compares. */
export interface ContractTerms {
  title: string;
  amount: string;
  currency: string;
  startsOn: string;
  endsOn: string;
  specialTerms: string | null;
}

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

const FIELDS: (keyof ContractTerms)[] = ['title', 'amount', 'currency', 'startsOn', 'endsOn', 'specialTerms'];

/** Normalises a decimal so "100.5" and "100.50" compare equal. */
const money = (v: string) => {
  const [i, f = ''] = v.split('.');
  return `${i.replace(/^0+(?=\d)/, '')}.${f.padEnd(2, '0')}`;
};

/** Field-level differences between two snapshots, in a fixed field order. */
export function diffTerms(a: Partial<ContractTerms>, b: Partial<ContractTerms>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of FIELDS) {
    let x = a[f] ?? null;
    let y = b[f] ?? null;
    if (f === 'amount') {
      x = x === null ? null : money(x);
      y = y === null ? null : money(y);
    }
    if (x !== y) changes.push({ field: f, from: x, to: y });
  }
  return changes;
}

/** The terms of a contract as a version keeps them. */
export const termsOf = (c: ContractTerms): ContractTerms => ({
  title: c.title,
  amount: c.amount,
  currency: c.currency,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  specialTerms: c.specialTerms,
});
