import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import argon2 from 'argon2';

export const PASSWORD = 'test-pass-2026';
let hash: Promise<string> | undefined;

export interface TestBranch {
  id: string;
  code: string;
}

export interface TestUser {
  id: string;
  email: string;
  branchId: string;
  role: string;
}

export interface TestOrg {
  id: string;
  hq: TestBranch;
  a: TestBranch;
  b: TestBranch;
  users: Record<'admin' | 'managerA' | 'repA' | 'rep2A' | 'financeA' | 'managerB' | 'repB', TestUser>;
}

/**
 * An organization with head office and branches A and B, and staff in each. Inserted as the
 * database owner: this is arrangement, not the code under test.
 */
export async function createOrg(db: pg.Client, tag = randomUUID().slice(0, 6)): Promise<TestOrg> {
  hash ??= argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 8192, timeCost: 2 });
  const h = await hash;
  const org = randomUUID();
  await db.query('INSERT INTO organizations (id, name) VALUES ($1, $2)', [org, `Org ${tag}`]);
  const branch = async (code: string, kind: string, timeZone = 'Asia/Shanghai'): Promise<TestBranch> => {
    const id = randomUUID();
    await db.query(
      'INSERT INTO branches (id, organization_id, code, name, kind, time_zone) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, org, code, `${code} ${tag}`, kind, timeZone],
    );
    return { id, code };
  };
  const hq = await branch('HQ', 'HEAD_OFFICE');
  const a = await branch('AA', 'BRANCH');
  const b = await branch('BB', 'BRANCH');
  const user = async (name: string, br: TestBranch, role: string): Promise<TestUser> => {
    const id = randomUUID();
    const email = `${name}.${tag}@test.example`.toLowerCase();
    await db.query(
      'INSERT INTO users (id, organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4, $5)',
      [id, org, email, `${name} ${tag}`, h],
    );
    await db.query('INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, $4)', [
      randomUUID(),
      id,
      br.id,
      role,
    ]);
    return { id, email, branchId: br.id, role };
  };
  return {
    id: org,
    hq,
    a,
    b,
    users: {
      admin: await user('admin', hq, 'HQ_ADMIN'),
      managerA: await user('managerA', a, 'BRANCH_MANAGER'),
      repA: await user('repA', a, 'SALES_REP'),
      rep2A: await user('rep2A', a, 'SALES_REP'),
      financeA: await user('financeA', a, 'FINANCE'),
      managerB: await user('managerB', b, 'BRANCH_MANAGER'),
      repB: await user('repB', b, 'SALES_REP'),
    },
  };
}

/** One more person of `org` (same password as the rest) with `role` in `branch`: arrangement, as the database owner. */
export async function addPerson(
  db: pg.Client,
  org: TestOrg,
  name: string,
  branch: TestBranch,
  role: string,
): Promise<TestUser> {
  const id = randomUUID();
  const email = `${name.toLowerCase()}.${id.slice(0, 6)}@test.example`;
  await db.query(
    `INSERT INTO users (id, organization_id, email, display_name, password_hash)
     SELECT $1, organization_id, $2, $3, password_hash FROM users WHERE id = $4`,
    [id, email, name, org.users.admin.id],
  );
  await db.query('INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, $4)', [
    randomUUID(),
    id,
    branch.id,
    role,
  ]);
  return { id, email, branchId: branch.id, role };
}

/** Inserts a customer directly (owner connection), due at `dueAt`. */
export async function insertCustomer(
  db: pg.Client,
  c: { branchId: string; ownerId: string; name?: string; tier?: string; dueAt?: Date; status?: string },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      c.branchId,
      id,
      c.name ?? `Customer ${id.slice(0, 8)}`,
      c.tier ?? 'MEDIUM',
      c.ownerId,
      c.dueAt ?? new Date(Date.now() + 7 * 864e5),
      c.status ?? 'ACTIVE',
    ],
  );
  return id;
}
