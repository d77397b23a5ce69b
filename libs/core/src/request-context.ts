import { randomUUID } from 'node:crypto';
import { UnauthenticatedError } from './errors.js';
import type { Tx } from './database.js';

/** Who is acting: resolved once per request from the access token. */
export interface Actor {
  userId: string;
  organizationId: string;
  role: string;
  /** True for head-office roles, which see every branch of their organization. */
  headOffice: boolean;
}

/**
 * What the access token claims, checked against the database in the first statement of every transaction
 * opened for the person (session_check): disabled people and changed roles stop at once.
 */
export interface SessionClaims {
  organizationId: string;
  authVersion: number;
  /** Branches taken from the token that must belong to the organization (none when they came from the database). */
  branchIds: readonly string[];
  /** The membership the token acts by (the head-office one, or the branch's): the person must hold it. */
  memberOf: readonly string[];
}

/** The branches a transaction may touch, and whether rows are limited to those the actor owns. */
export interface TenantScope {
  branchIds: readonly string[];
  userId?: string;
  ownOnly?: boolean;
  /** Platform transactions: the organization whose platform rows (users, branches, ...) are visible. */
  organizationId?: string;
  /** Set for a signed-in person's transactions; absent for jobs and for login itself. */
  session?: SessionClaims;
}

type TxOpener = (scope: TenantScope) => Promise<Tx>;

/**
 * Everything a service needs to know about the current operation. Services take it as their first
 * argument; the database is reached only through `ctx.tx()`, which runs as the runtime role with the
 * branch set applied, so a call without a tenant scope fails instead of returning everything.
 */
export class RequestContext {
  readonly requestId: string;
  readonly loaders = new Map<string, unknown>();
  private txPromise?: Promise<Tx>;
  /** Why authentication failed (bad token, forbidden branch): raised when an operation needs an actor. */
  authError?: Error;

  constructor(
    private readonly opener: TxOpener | undefined,
    readonly actor: Actor | undefined,
    readonly scope: TenantScope | undefined,
    requestId?: string,
    readonly clientIp = 'unknown',
  ) {
    this.requestId = requestId ?? randomUUID();
  }

  /** A context bound to an already open transaction (jobs, scripts, tests). */
  static forTransaction(tx: Tx, scope: TenantScope, actor?: Actor): RequestContext {
    const ctx = new RequestContext(undefined, actor, scope);
    ctx.txPromise = Promise.resolve(tx);
    return ctx;
  }

  get isAuthenticated(): boolean {
    return this.actor !== undefined;
  }

  requireActor(): Actor {
    if (this.authError) throw this.authError;
    if (!this.actor) throw new UnauthenticatedError();
    return this.actor;
  }

  get branchIds(): readonly string[] {
    return this.scope?.branchIds ?? [];
  }

  /** The one branch this operation acts in, when it is narrowed to one. */
  get singleBranchId(): string | undefined {
    const ids = this.branchIds;
    return ids.length === 1 ? ids[0] : undefined;
  }

  get ownOnly(): boolean {
    return this.scope?.ownOnly === true;
  }

  /** The request's transaction, opened on first use. Fails closed without an authenticated scope. */
  tx(): Promise<Tx> {
    if (!this.txPromise) {
      if (!this.opener || !this.scope || this.scope.branchIds.length === 0) {
        return Promise.reject(new UnauthenticatedError());
      }
      this.txPromise = this.opener(this.scope);
    }
    return this.txPromise;
  }

  get hasTransaction(): boolean {
    return this.txPromise !== undefined;
  }

  /** Commits (ok) or rolls back the transaction if one was opened. */
  async finish(ok: boolean): Promise<number> {
    if (!this.txPromise) return 0;
    const tx = await this.txPromise.catch(() => undefined);
    if (!tx) return 0;
    if (ok) await tx.commit();
    else await tx.rollback();
    return tx.statements;
  }

  loader<T>(key: string, create: () => T): T {
    let l = this.loaders.get(key) as T | undefined;
    if (!l) {
      l = create();
      this.loaders.set(key, l);
    }
    return l;
  }
}
