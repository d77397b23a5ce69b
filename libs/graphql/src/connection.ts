import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { BadUserInputError } from '@app/core';
import { isoString } from './iso.js';

@ObjectType({ description: 'Relay page information: whether more rows follow and the cursors to fetch them' })
export class PageInfo {
  @Field({ description: 'True when more rows follow: ask again with `after: endCursor`' }) hasNextPage: boolean;
  @Field({ description: 'Always false: lists are read forwards only (`first` / `after`)' }) hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the first row of this page; null on an empty page' })
  startCursor: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last row of this page, to pass as `after` for the next page; null on an empty page',
  })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A lazy getter: the count runs only when the field is selected, since counting a branch is not free. */
  readonly totalCount: Promise<number>;
}

/** A Relay connection type for `node`: `<Name>Connection` with `<Name>Edge`. */
export function Connection<T>(node: Type<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor` })
  class EdgeType {
    @Field({ description: 'Opaque position of this row in the list; pass it as `after` to continue behind it' })
    cursor: string;
    @Field(() => node, { description: `The ${name} itself` }) node: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true, description: `A page of ${name} rows (Relay connection)` })
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: 'The rows of this page, in the list order' }) edges: EdgeType[];
    @Field(() => PageInfo, { description: 'Whether more rows follow, and the cursor to fetch them' })
    pageInfo: PageInfo;
    @Field(() => Int, { description: 'Rows matching the filter, over all pages' }) totalCount: number;
  }
  return ConnectionType;
}

export type CursorValue = string | number;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque keyset cursor: the sort value and the id of the last row seen. */
export function encodeCursor(sortValue: CursorValue | Date, id: string): string {
  if (sortValue instanceof Date && UUID.test(id)) {
    // The bytes JSON.stringify would give (an ISO instant and a uuid need no escaping), built directly: a page
    // encodes one cursor per row.
    return Buffer.from(`["${isoString(sortValue)}","${id}"]`, 'latin1').toString('base64url');
  }
  const v = sortValue instanceof Date ? isoString(sortValue) : sortValue;
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): [CursorValue, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string' &&
      UUID.test(parsed[1])
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // fall through to the typed error
  }
  throw BadUserInputError.field(field, 'is not a cursor returned by this list; pass an endCursor you received');
}

export const MAX_PAGE_SIZE = 100;

export function checkFirst(first: number | undefined, def = 20): number {
  const n = first ?? def;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw BadUserInputError.field('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return n;
}

/** Turns `limit + 1` fetched rows into a page. */
export function toConnection<T>(
  rows: T[],
  first: number,
  cursorOf: (row: T) => string,
  totalCount: () => Promise<number>,
): ConnectionShape<T> {
  const hasNextPage = rows.length > first;
  const page = hasNextPage ? rows.slice(0, first) : rows;
  const edges = page.map((node) => ({ node, cursor: cursorOf(node) }));
  let count: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      // Counted once however often it is read (`a: totalCount b: totalCount` reads it twice).
      return (count ??= totalCount());
    },
  };
}
