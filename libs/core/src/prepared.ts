import { createHash } from 'node:crypto';

/**
 * Named (prepared) statements per pooled connection. Under row-level security PostgreSQL spends more time
 * parsing, rewriting (every policy expanded) and planning a page than running it: measured on the bench database
 * (1M customers), the customers page with owners and contacts cost the backend 3.3-5.3 ms of CPU per request as an
 * unnamed statement and 1.1-1.8 ms named. A connection keeps its most recently used statements (LRU, `limit`);
 * the ones pushed out are deallocated at the start of the connection's next transaction, in the same round trip.
 *
 * Only statements with parameters are named: they already use the extended protocol, one statement each, while a
 * parameterless text may hold several statements (the simple protocol), which a prepared statement cannot.
 */

/** What node-postgres keeps of the statements a connection has parsed (pg/lib/connection.js). */
interface PgClientInternals {
  connection?: { parsedStatements?: Record<string, string> };
}

const NAME_CACHE_LIMIT = 4096;
const names = new Map<string, string>();

/** A stable name for a statement text (a hash: the same text gets the same name on every connection). */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(sql).digest('base64url').slice(0, 22)}`;
    if (names.size >= NAME_CACHE_LIMIT) names.clear();
    names.set(sql, name);
  }
  return name;
}

class ConnectionStatements {
  /** Statement names in least-recently-used order (a Map iterates in insertion order). */
  private readonly used = new Map<string, true>();
  private evicted: string[] = [];

  constructor(private readonly limit: number) {}

  use(name: string): void {
    if (this.used.delete(name)) {
      this.used.set(name, true);
      return;
    }
    this.used.set(name, true);
    this.evicted = this.evicted.filter((n) => n !== name);
    if (this.used.size > this.limit) {
      const oldest = this.used.keys().next().value as string;
      this.used.delete(oldest);
      this.evicted.push(oldest);
    }
  }

  /**
   * A statement PostgreSQL refuses to run again as prepared ("cached plan must not change result type": a
   * migration changed a table a `*` reads while this connection held the statement): deallocated before the
   * connection's next transaction, so it fails once, not for the rest of the connection's life.
   */
  discard(name: string): void {
    this.used.delete(name);
    if (!this.evicted.includes(name)) this.evicted.push(name);
  }

  /** `DEALLOCATE` statements for the evicted names the connection really holds; forgets them on the client too. */
  takeEvictions(client: object): string {
    if (this.evicted.length === 0) return '';
    const parsed = (client as PgClientInternals).connection?.parsedStatements;
    const sql = this.evicted
      .filter((n) => parsed?.[n] !== undefined)
      .map((n) => {
        delete parsed![n];
        return `DEALLOCATE "${n}"; `;
      })
      .join('');
    this.evicted = [];
    return sql;
  }
}

const perConnection = new WeakMap<object, ConnectionStatements>();

/** The prepared-statement bookkeeping of one pg client. */
export function statementsOf(client: object, limit: number): ConnectionStatements {
  let s = perConnection.get(client);
  if (!s) {
    s = new ConnectionStatements(limit);
    perConnection.set(client, s);
  }
  return s;
}
