import { createHash } from 'node:crypto';
import pg from 'pg';
import argon2 from 'argon2';
import { loadConfig, redactUrl, type AppConfig } from '@app/core';
import { seedDemoWork, type DemoBranch, type DemoPerson } from './seed-demo-work.js';

/** Stable ids derived from names, so running the seed again changes nothing. */
export function demoId(name: string): string {
  const h = createHash('sha1').update(`demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_PASSWORD = 'demo-pass-2026';

const BRANCHES = [
  { code: 'HQ', name: 'Head Office', kind: 'HEAD_OFFICE' },
  { code: 'SH', name: 'Shanghai', kind: 'BRANCH' },
  { code: 'BJ', name: 'Beijing', kind: 'BRANCH' },
  { code: 'SZ', name: 'Shenzhen', kind: 'BRANCH' },
] as const;

const USERS = [
  { email: 'admin@hq.demo', name: 'Hu Admin', branch: 'HQ', role: 'HQ_ADMIN' },
  { email: 'leader@hq.demo', name: 'Liang Leader', branch: 'HQ', role: 'LEADERSHIP' },
  { email: 'manager@sh.demo', name: 'Shen Manager', branch: 'SH', role: 'BRANCH_MANAGER' },
  { email: 'rep@sh.demo', name: 'Shi Rep', branch: 'SH', role: 'SALES_REP' },
  { email: 'finance@sh.demo', name: 'Sun Finance', branch: 'SH', role: 'FINANCE' },
  { email: 'legal@sh.demo', name: 'Lu Legal', branch: 'SH', role: 'LEGAL' },
  { email: 'clerk@sh.demo', name: 'Shao Clerk', branch: 'SH', role: 'CLERK' },
  { email: 'manager@bj.demo', name: 'Bai Manager', branch: 'BJ', role: 'BRANCH_MANAGER' },
  { email: 'rep@bj.demo', name: 'Bo Rep', branch: 'BJ', role: 'SALES_REP' },
  { email: 'legal@bj.demo', name: 'Bian Legal', branch: 'BJ', role: 'LEGAL' },
  { email: 'finance@bj.demo', name: 'Bao Finance', branch: 'BJ', role: 'FINANCE' },
  { email: 'clerk@bj.demo', name: 'Bi Clerk', branch: 'BJ', role: 'CLERK' },
  { email: 'manager@sz.demo', name: 'Zhou Manager', branch: 'SZ', role: 'BRANCH_MANAGER' },
  { email: 'rep@sz.demo', name: 'Zhang Rep', branch: 'SZ', role: 'SALES_REP' },
  { email: 'legal@sz.demo', name: 'Zeng Legal', branch: 'SZ', role: 'LEGAL' },
  { email: 'finance@sz.demo', name: 'Zhu Finance', branch: 'SZ', role: 'FINANCE' },
  { email: 'clerk@sz.demo', name: 'Zhao Clerk', branch: 'SZ', role: 'CLERK' },
] as const;

const CUSTOMERS = [
  { name: 'Orient Machinery', tier: 'HIGH', industry: 'Manufacturing', owner: 'rep', daysAgo: 10 },
  { name: 'Pearl Logistics', tier: 'MEDIUM', industry: 'Logistics', owner: 'rep', daysAgo: 3 },
  { name: 'Jade Hospital Group', tier: 'HIGH', industry: 'Healthcare', owner: 'manager', daysAgo: 2 },
  { name: 'Lotus Retail', tier: 'LOW', industry: 'Retail', owner: 'rep', daysAgo: 45 },
  { name: 'Summit Construction', tier: 'MEDIUM', industry: 'Construction', owner: 'manager', daysAgo: 20 },
] as const;

/** Seeds the demo organization as the database owner; idempotent. */
export async function seedDemo(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const hash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
  try {
    await client.query('BEGIN');
    const orgId = demoId('org');
    await client.query(
      `INSERT INTO organizations (id, name) VALUES ($1, 'Demo Trading Co.') ON CONFLICT (id) DO NOTHING`,
      [orgId],
    );
    for (const b of BRANCHES) {
      await client.query(
        // The demo company has been running for a quarter: a branch "created today" would get no digest of the
        // research week that just closed, since a digest covers only weeks the branch existed by their end.
        `INSERT INTO branches (id, organization_id, code, name, kind, created_at)
         VALUES ($1, $2, $3, $4, $5, now() - interval '90 days') ON CONFLICT (id) DO NOTHING`,
        [demoId(`branch:${b.code}`), orgId, b.code, b.name, b.kind],
      );
    }
    for (const u of USERS) {
      const userId = demoId(`user:${u.email}`);
      await client.query(
        `INSERT INTO users (id, organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [userId, orgId, u.email, u.name, hash],
      );
      await client.query(
        `INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
        [demoId(`membership:${u.email}`), userId, demoId(`branch:${u.branch}`), u.role],
      );
    }
    for (const b of BRANCHES.filter((x) => x.kind === 'BRANCH')) {
      const branchId = demoId(`branch:${b.code}`);
      const code = b.code.toLowerCase();
      for (const c of CUSTOMERS) {
        const name = `${b.name} ${c.name}`;
        const id = demoId(`customer:${b.code}:${c.name}`);
        const owner = demoId(`user:${c.owner}@${code}.demo`);
        const cadence = c.tier === 'HIGH' ? 7 : c.tier === 'MEDIUM' ? 15 : 30;
        // Due at the start of the day after (last contact + cadence), in the branch's time zone.
        await client.query(
          `INSERT INTO customers (branch_id, id, name, tier, industry, region, owner_id, last_contact_at, next_contact_due_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now() - make_interval(days => $8::integer),
             ((((now() - make_interval(days => $8::integer)) AT TIME ZONE 'Asia/Shanghai')::date + $9::integer + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))
           ON CONFLICT (branch_id, id) DO NOTHING`,
          [branchId, id, name, c.tier, c.industry, b.name, owner, c.daysAgo, cadence],
        );
        await client.query(
          `INSERT INTO customer_contacts (branch_id, id, customer_id, name, title, phone, email, is_primary)
           VALUES ($1, $2, $3, $4, 'Purchasing Manager', '+86 138 0000 0000', $5, true) ON CONFLICT (branch_id, id) DO NOTHING`,
          [
            branchId,
            demoId(`contact:${b.code}:${c.name}`),
            id,
            `Li (${c.name})`,
            `purchasing@${c.name.toLowerCase().replace(/\W+/g, '')}.example`,
          ],
        );
      }
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    await client.end();
  }
}

const person = (email: string): DemoPerson => {
  const u = USERS.find((x) => x.email === email)!;
  return {
    id: demoId(`user:${email}`),
    role: u.role,
    branchId: demoId(`branch:${u.branch}`),
    headOffice: u.branch === 'HQ',
  };
};

/**
 * The demo's work in progress (contracts, approvals, quotes, a phone order, a tender in every branch), made
 * through the product's services after the people and customers exist; only into a database without contracts.
 */
export async function seedDemoActivity(config: AppConfig): Promise<boolean> {
  const branches: DemoBranch[] = BRANCHES.filter((b) => b.kind === 'BRANCH').map((b) => {
    const code = b.code.toLowerCase();
    return {
      id: demoId(`branch:${b.code}`),
      code: b.code,
      manager: person(`manager@${code}.demo`),
      rep: person(`rep@${code}.demo`),
      legal: person(`legal@${code}.demo`),
      finance: person(`finance@${code}.demo`),
      clerk: person(`clerk@${code}.demo`),
      customers: Object.fromEntries(CUSTOMERS.map((c) => [c.name, demoId(`customer:${b.code}:${c.name}`)])),
    };
  });
  return seedDemoWork(config, {
    id: demoId('org'),
    allBranchIds: BRANCHES.map((b) => demoId(`branch:${b.code}`)),
    leader: person('leader@hq.demo'),
    admin: person('admin@hq.demo'),
    branches,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  await seedDemo(config.databaseUrl);
  await seedDemoActivity(config);
  console.log(
    `Seeded "Demo Trading Co." into ${redactUrl(config.databaseUrl)}; every demo account's password is ${DEMO_PASSWORD}`,
  );
}
