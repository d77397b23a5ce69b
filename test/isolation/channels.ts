import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { owner, org1, slots, tokens, byName, ok, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Channels: partners, agreements, evaluations, disputes, support, end users. */
export interface ChannelsSlot {
  /** A partner the slot's user owns, with a contact, an evaluation, a dispute, support given and an end user. */
  partner: string;
  /** That partner's ACTIVE agreement (ending in 2030). */
  partnerAgreement: string;
  /** That partner's OPENED dispute. */
  partnerDispute: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'partners',
  'partner_contacts',
  'partner_agreements',
  'channel_settings',
  'partner_evaluations',
  'partner_disputes',
  'partner_support_records',
  'partner_end_users',
];

export const cases: Case[] = [
  {
    name: 'partner(id)',
    kind: 'partner',
    doc: `query($id: ID!) { partner(id: $id) { id name contacts { id } agreements { id } owner { id } } }`,
  },
  {
    name: 'partners(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partners(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partners(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { partners(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partners with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { partners { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerCountsByTier(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { partnerCountsByTier(branchId: $id) { branch { id } tier count } }`,
  },
  {
    name: 'createPartner(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $owner: ID) { createPartner(input: { branchId: $id, ownerId: $owner, kind: AGENT,
            name: "Probe Partner", region: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createPartner(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createPartner(input: { branchId: $branch, ownerId: $id, kind: AGENT,
            name: "Probe Partner", region: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'updatePartner(id)',
    kind: 'partner',
    doc: `mutation($id: ID!) { updatePartner(id: $id, input: { region: "Probe", status: ACTIVE }) { id } }`,
  },
  {
    name: 'updatePartner(own id, ownerId: foreign user)',
    kind: 'user',
    doc: `mutation($id: ID!, $partner: ID!) { updatePartner(id: $partner, input: { ownerId: $id }) { id ownerId } }`,
    vars: (id, me) => ({ id, partner: me.own.partner }),
  },
  {
    name: 'createPartner(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createPartner(input: { branchId: $branch, ownerId: $owner,
            kind: AGENT, name: "Probe Buyer", region: "Probe", customerId: $id }) { id customerId } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'updatePartner(own id, customerId: foreign customer)',
    kind: 'customer',
    doc: `mutation($id: ID!, $partner: ID!) { updatePartner(id: $partner, input: { customerId: $id }) { id customerId } }`,
    vars: (id, me) => ({ id, partner: me.own.partner }),
  },
  {
    name: 'addPartnerContact(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { addPartnerContact(input: { partnerId: $id, name: "Probe", phone: "123456", isPrimary: true }) { id } }`,
  },
  {
    name: 'createPartnerAgreement(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { createPartnerAgreement(input: { partnerId: $id, startsOn: "2027-01-01", endsOn: "2027-12-31",
            territory: "Probe", terms: "Probe" }) { id } }`,
  },
  {
    name: 'updatePartnerAgreement(id)',
    kind: 'partnerAgreement',
    doc: `mutation($id: ID!) { updatePartnerAgreement(id: $id, input: { endsOn: "2031-06-30", terms: "Probe" }) { id } }`,
  },
  {
    name: 'terminatePartnerAgreement(id)',
    kind: 'partnerAgreement',
    doc: `mutation($id: ID!) { terminatePartnerAgreement(id: $id, reason: "probe") { id status } }`,
  },
  {
    name: 'channelSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { channelSettings(branchId: $id) { branchId weightSales tierAMin } }`,
  },
  {
    name: 'updateChannelSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateChannelSettings(input: { branchId: $id, tierCMin: "40" }) { branchId } }`,
  },
  {
    name: 'recordPartnerEvaluation(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { recordPartnerEvaluation(input: { partnerId: $id, period: "2026-Q3", salesAmount: "1000.00",
            marketCoverage: "50", customerFeedback: "50" }) { id score tier } }`,
  },
  {
    name: 'partnerScorecard(partnerId)',
    kind: 'partner',
    doc: `query($id: ID!) { partnerScorecard(partnerId: $id) { partner { id } periods { id score } latest { id } } }`,
  },
  {
    name: 'partnerScorecards(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partnerScorecards(first: 50, filter: { branchId: $id }) { totalCount edges { node { id partner { id } } } } }`,
  },
  {
    name: 'partnerScorecards with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { partnerScorecards(filter: { period: "2026-Q2" }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerDisputes(filter: { partnerId })',
    kind: 'partner',
    doc: `query($id: ID!) { partnerDisputes(first: 50, filter: { partnerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerDisputes(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partnerDisputes(first: 50, filter: { branchId: $id }) { totalCount edges { node { id partner { id } } } } }`,
  },
  {
    name: 'partnerSupportRecords(filter: { partnerId })',
    kind: 'partner',
    doc: `query($id: ID!) { partnerSupportRecords(first: 50, filter: { partnerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerSupportRecords(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partnerSupportRecords(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerEndUsers(filter: { partnerId })',
    kind: 'partner',
    doc: `query($id: ID!) { partnerEndUsers(first: 50, filter: { partnerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerEndUsers(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partnerEndUsers(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'openPartnerDispute(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { openPartnerDispute(input: { partnerId: $id, subject: "Probe", description: "Probe" }) { id } }`,
  },
  {
    name: 'handlePartnerDispute(id)',
    kind: 'partnerDispute',
    doc: `mutation($id: ID!) { handlePartnerDispute(id: $id, input: { notes: "Probe" }) { id state } }`,
  },
  {
    name: 'handlePartnerDispute(own dispute, handlerId: foreign user)',
    kind: 'user',
    doc: `mutation($id: ID!, $d: ID!) { handlePartnerDispute(id: $d, input: { handlerId: $id }) { id state } }`,
    vars: (id, me) => ({ id, d: me.own.partnerDispute }),
  },
  {
    name: 'closePartnerDispute(id)',
    kind: 'partnerDispute',
    doc: `mutation($id: ID!) { closePartnerDispute(id: $id, resolution: "Probe") { id state } }`,
  },
  {
    name: 'recordPartnerSupport(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { recordPartnerSupport(input: { partnerId: $id, kind: TRAINING, givenOn: "2026-01-05",
            topic: "Probe" }) { id } }`,
  },
  {
    name: 'recordPartnerEndUser(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { recordPartnerEndUser(input: { partnerId: $id, name: "Probe", purchased: "Probe" }) { id } }`,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const partner = randomUUID();
  await owner.query(
    `INSERT INTO partners (branch_id, id, kind, name, region, status, owner_id, tier, tier_period, created_by)
       VALUES ($1, $2, 'DISTRIBUTOR', $3, 'Seed region', 'ACTIVE', $4, 'B', '2026-Q2', $4)`,
    [branch, partner, `${name} partner`, u.id],
  );
  await owner.query(
    `INSERT INTO partner_contacts (branch_id, id, partner_id, name, phone, is_primary)
       VALUES ($1, $2, $3, 'Seed contact', '+86 21 5555 0002', true)`,
    [branch, randomUUID(), partner],
  );
  const partnerAgreement = randomUUID();
  await owner.query(
    `INSERT INTO partner_agreements (branch_id, id, partner_id, starts_on, ends_on, territory, terms, created_by)
       VALUES ($1, $2, $3, '2026-01-01', '2030-12-31', 'Seed territory', 'Seed terms', $4)`,
    [branch, partnerAgreement, partner, u.id],
  );
  await owner.query(
    `INSERT INTO partner_evaluations (branch_id, id, partner_id, period, sales_amount, currency, market_coverage,
         customer_feedback, sales_target, weight_sales, weight_coverage, weight_feedback, sales_score, score, tier,
         evaluated_by)
       VALUES ($1, $2, $3, '2026-Q2', 500000, 'CNY', 70, 80, 1000000, 0.5, 0.25, 0.25, 50, 62.5, 'C', $4)`,
    [branch, randomUUID(), partner, u.id],
  );
  const partnerDispute = randomUUID();
  await owner.query(
    `INSERT INTO partner_disputes (branch_id, id, partner_id, subject, description, created_by)
       VALUES ($1, $2, $3, 'Seed dispute', 'Late rebate', $4)`,
    [branch, partnerDispute, partner, u.id],
  );
  await owner.query(
    `INSERT INTO partner_support_records (branch_id, id, partner_id, kind, given_on, topic, recorded_by)
       VALUES ($1, $2, $3, 'TRAINING', '2026-10-10', 'Seed training', $4)`,
    [branch, randomUUID(), partner, u.id],
  );
  await owner.query(
    `INSERT INTO partner_end_users (branch_id, id, partner_id, name, purchased, recorded_by)
       VALUES ($1, $2, $3, 'Seed end user', 'Two pumps', $4)`,
    [branch, randomUUID(), partner, u.id],
  );
  Object.assign(slot, { partner, partnerAgreement, partnerDispute });
}

export async function ownIds(): Promise<void> {
  const mgr = tokens.managerA1;
  const hq = tokens.admin1;
  const rep = tokens.repA1;
  expect((await ok(rep, byName('partner(id)'), { id: slots.A1.partner })).partner.id).toBe(slots.A1.partner);
  await ok(rep, byName('updatePartner(id)'), { id: slots.A1.partner });
  await ok(rep, byName('addPartnerContact(partnerId)'), { id: slots.A1.partner });
  await ok(rep, byName('createPartnerAgreement(partnerId)'), { id: slots.A1.partner });
  await ok(rep, byName('updatePartnerAgreement(id)'), { id: slots.A1.partnerAgreement });
  await ok(rep, byName('terminatePartnerAgreement(id)'), { id: slots.A1.partnerAgreement });
  await ok(rep, byName('partners(filter: { branchId })'), { id: org1.a.id });
  await ok(rep, byName('partnerScorecard(partnerId)'), { id: slots.A1.partner });
  await ok(rep, byName('openPartnerDispute(partnerId)'), { id: slots.A1.partner });
  await ok(rep, byName('recordPartnerSupport(partnerId)'), { id: slots.A1.partner });
  await ok(rep, byName('recordPartnerEndUser(partnerId)'), { id: slots.A1.partner });
  expect(
    (await ok(rep, byName('partnerDisputes(filter: { partnerId })'), { id: slots.A1.partner })).partnerDisputes
      .totalCount,
  ).toBe(2);
  await ok(mgr, byName('createPartner(ownerId)'), { id: org1.users.rep2A.id, branch: null });
  await ok(mgr, byName('updatePartner(own id, ownerId: foreign user)'), {
    id: org1.users.rep2A.id,
    partner: slots.A1.partner,
  });
  await ok(hq, byName('createPartner(branchId)'), { id: org1.b.id, owner: org1.users.repB.id });
  await ok(mgr, byName('handlePartnerDispute(own dispute, handlerId: foreign user)'), {
    id: org1.users.rep2A.id,
    d: slots.A1.partnerDispute,
  });
  await ok(mgr, byName('closePartnerDispute(id)'), { id: slots.A1.partnerDispute });
  await ok(mgr, byName('channelSettings(branchId)'), { id: org1.a.id });
  await ok(mgr, byName('updateChannelSettings(branchId)'), { id: org1.a.id });
  expect(
    (await ok(mgr, byName('recordPartnerEvaluation(partnerId)'), { id: slots.A2.partner })).recordPartnerEvaluation
      .tier,
  ).toBe('D');
  expect(
    (await ok(hq, byName('partnerScorecards(filter: { branchId })'), { id: org1.a.id })).partnerScorecards.totalCount,
  ).toBe(3);
  const tiers = (await ok(hq, byName('partnerCountsByTier(branchId)'), { id: org1.b.id })).partnerCountsByTier;
  expect(tiers).toEqual([
    { branch: { id: org1.b.id }, tier: 'B', count: 1 },
    { branch: { id: org1.b.id }, tier: null, count: 1 },
  ]);
}

export async function seedBranch(b: string): Promise<void> {
  await owner.query(
    `INSERT INTO channel_settings (branch_id, weight_sales, weight_coverage, weight_feedback, sales_target,
           tier_a_min, tier_b_min, tier_c_min) VALUES ($1, 0.4, 0.3, 0.3, 800000, 80, 65, 50)`,
    [b],
  );
}
