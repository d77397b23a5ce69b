import { describe, expect, it } from '@jest/globals';
import { useFixture } from '@app/testing';
import { InstrumentJobs } from '../src/modules/finance/instrument.jobs.js';
import { RECORD, addDays, newCustomer, today } from './finance-fixture.js';

/**
 * Cheques, bank acceptance bills and bank drafts handed to finance the same business day: the hand-over recorded
 * (who, when), breaches listed per branch once the receiving day closed (branch time zone), and finance and the
 * branch manager told once per breach however many workers scan.
 */

const HANDOVER = `mutation($in: RecordInstrumentHandoverInput!) { recordInstrumentHandover(input: $in) {
  id receiptId handedAt handedBy { id } acceptedBy { id } note } }`;
const BREACHES = `query($b: ID) { instrumentBreaches(first: 100, branchId: $b) {
  edges { node { id branchId kind amount receivedOn deadline handedAt handedById notifiedAt } } } }`;
const RECEIPT = `query($id: ID!) { receipt(id: $id) { id handover { handedBy { id } acceptedBy { id } } } }`;

interface Breach {
  id: string;
  receivedOn: string;
  deadline: string;
  handedAt: string | null;
  notifiedAt: string | null;
}

describe('finance: instruments handed over the same day', () => {
  const f = useFixture({
    workers: { count: 2, env: { INSTRUMENT_SCAN_MS: '3600000' }, firstScan: 'finance.instrument-breach-scan' },
  });
  const scan = (i = 0) => f.workers[i].get(InstrumentJobs).scanBreaches();

  async function instrument(kind: string, receivedOn: string): Promise<string> {
    const customerId = await newCustomer(f, f.org.a.id, f.org.users.repA.id);
    const r = await f.ok<{ recordReceipt: { id: string } }>('financeA', RECORD, {
      in: {
        customerId,
        kind,
        amount: '5000.00',
        receivedOn,
        reference: `${kind}-${receivedOn}`,
        ...(kind === 'BANK_ACCEPTANCE_BILL' ? { maturityOn: addDays(today(), 90) } : {}),
      },
    });
    return r.recordReceipt.id;
  }
  const breaches = async (who = 'financeA') =>
    (await f.ok<{ instrumentBreaches: { edges: { node: Breach }[] } }>(who, BREACHES)).instrumentBreaches.edges.map(
      (e) => e.node,
    );

  it('records who handed an instrument over and who took it', async () => {
    const id = await instrument('CHEQUE', today());
    const h = await f.ok<{ recordInstrumentHandover: { handedBy: { id: string }; acceptedBy: { id: string } } }>(
      'financeA',
      HANDOVER,
      { in: { receiptId: id, handedById: f.org.users.repA.id, note: 'Cheque from the site visit' } },
    );
    expect([h.recordInstrumentHandover.handedBy.id, h.recordInstrumentHandover.acceptedBy.id]).toEqual([
      f.org.users.repA.id,
      f.org.users.financeA.id,
    ]);
    const r = await f.ok<{ receipt: { handover: { handedBy: { id: string } } } }>('financeA', RECEIPT, { id });
    expect(r.receipt.handover.handedBy.id).toBe(f.org.users.repA.id);
    expect(
      (await f.refused('financeA', HANDOVER, { in: { receiptId: id, handedById: f.org.users.repA.id } })).code,
    ).toBe('CONFLICT');
  });

  it('refuses what is no instrument hand-over, changing nothing', async () => {
    const transfer = await instrument('BANK_TRANSFER', today());
    const draft = await instrument('BANK_DRAFT', today());
    const { repA, repB } = f.org.users;
    expect(await f.refused('financeA', HANDOVER, { in: { receiptId: transfer, handedById: repA.id } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['receiptId'],
    });
    expect(await f.refused('financeA', HANDOVER, { in: { receiptId: draft, handedById: repB.id } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['handedById'],
    });
    const future = new Date(Date.now() + 3600e3).toISOString();
    expect(
      await f.refused('financeA', HANDOVER, { in: { receiptId: draft, handedById: repA.id, handedAt: future } }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['handedAt'] });
    expect((await f.refused('repA', HANDOVER, { in: { receiptId: draft, handedById: repA.id } })).code).toBe(
      'FORBIDDEN',
    );
    const rows = await f.owner.query('SELECT 1 FROM instrument_handovers WHERE receipt_id = ANY($1)', [
      [transfer, draft],
    ]);
    expect(rows.rowCount).toBe(0);
  });

  it('lists an instrument not handed over by the close of its day, and one handed over late; tells each once', async () => {
    const yesterday = addDays(today(), -1);
    const missing = await instrument('BANK_ACCEPTANCE_BILL', yesterday);
    const late = await instrument('CHEQUE', addDays(today(), -2));
    const inTime = await instrument('BANK_DRAFT', yesterday);
    const todays = await instrument('CHEQUE', today());
    const { repA } = f.org.users;
    await f.ok('financeA', HANDOVER, { in: { receiptId: late, handedById: repA.id } });
    // Handed over within its receiving day (16:00 Shanghai time yesterday).
    await f.ok('financeA', HANDOVER, {
      in: { receiptId: inTime, handedById: repA.id, handedAt: `${yesterday}T16:00:00+08:00` },
    });
    const listed = await breaches();
    const mine = listed.filter((b) => [missing, late, inTime, todays].includes(b.id));
    expect(mine.map((b) => [b.id, b.handedAt === null]).sort()).toEqual(
      [
        [missing, true],
        [late, false],
      ].sort(),
    );
    expect(mine.find((b) => b.id === missing)!.deadline).toBe(new Date(`${today()}T00:00:00+08:00`).toISOString());
    await Promise.all([scan(0), scan(1)]);
    await scan(1);
    const notes = await f.owner.query<{ user_id: string; subject_id: string }>(
      `SELECT user_id, subject_id FROM notifications WHERE kind = 'INSTRUMENT_NOT_HANDED_OVER' AND subject_id = ANY($1)
       ORDER BY subject_id, user_id`,
      [[missing, late, inTime, todays]],
    );
    const { financeA, managerA } = f.org.users;
    expect(notes.rows).toEqual(
      [missing, late]
        .sort()
        .flatMap((id) => [financeA.id, managerA.id].sort().map((user_id) => ({ user_id, subject_id: id }))),
    );
    expect((await breaches()).filter((b) => b.id === missing)[0].notifiedAt).not.toBeNull();
    // Branch B's manager sees none of branch A's; head office sees them, narrowed to branch A too.
    expect((await breaches('managerB')).filter((b) => b.id === missing)).toEqual([]);
    const hq = await f.ok<{ instrumentBreaches: { edges: { node: Breach }[] } }>('admin', BREACHES, { b: f.org.a.id });
    expect(hq.instrumentBreaches.edges.some((e) => e.node.id === missing)).toBe(true);
  });
});
