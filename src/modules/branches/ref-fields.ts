import { Inject, type Type } from '@nestjs/common';
import { Parent, ResolveField, Resolver, type ReturnTypeFuncValue } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { Ctx } from './auth.decorators.js';
import { Branch, StaffMember } from './branch.types.js';
import { BranchesService } from './branches.service.js';

/** What every type that gets reference fields carries: its branch id (exposed or not). */
interface OfBranch {
  branchId: string;
}

/**
 * A field a client sees as an object where the row holds an id: the branch of the row, a person (its author,
 * decider, actor), several people, or a plain value under its agreed name (`state` for a `status` column).
 */
export type RefField<P> =
  | { name: string; kind: 'branch'; description: string }
  | {
      name: string;
      kind: 'person';
      id: (p: P) => string | null | undefined;
      description: string;
    }
  | { name: string; kind: 'people'; ids: (p: P) => readonly string[]; description: string }
  | { name: string; kind: 'value'; type: () => ReturnTypeFuncValue; value: (p: P) => unknown; description: string };

type Method = (this: { branches: BranchesService }, ctx: RequestContext, parent: OfBranch) => unknown;

function methodOf<P extends OfBranch>(f: RefField<P>): Method {
  switch (f.kind) {
    case 'branch':
      return function (ctx, p) {
        return this.branches.branch(ctx, p.branchId);
      };
    case 'person':
      return function (ctx, p) {
        return this.branches.person(ctx, p.branchId, f.id(p as P));
      };
    case 'people':
      return async function (ctx, p) {
        const loader = this.branches.personLoader(ctx);
        const people = await loader.loadMany(f.ids(p as P).map((id) => `${p.branchId}:${id}`));
        return people.filter((x): x is StaffMember => x !== null && !(x instanceof Error));
      };
    case 'value':
      return function (_ctx, p) {
        return f.value(p as P);
      };
  }
}

function returnTypeOf<P>(f: RefField<P>): () => ReturnTypeFuncValue {
  switch (f.kind) {
    case 'branch':
      return () => Branch;
    case 'person':
      return () => StaffMember;
    case 'people':
      return () => [StaffMember];
    case 'value':
      return f.type;
  }
}

/**
 * A resolver class adding reference fields to an object type, each through a per-request DataLoader of the
 * branches module (branchLoader, personLoader): one statement per request whatever the number of rows.
 * Register the class among the module's providers.
 */
export function refFieldsResolver<P extends OfBranch>(type: () => Type<P>, fields: RefField<P>[]): Type<unknown> {
  @Resolver(type)
  class RefFields {
    constructor(@Inject(BranchesService) readonly branches: BranchesService) {}
  }
  const proto = RefFields.prototype as unknown as Record<string, Method>;
  for (const f of fields) {
    Object.defineProperty(proto, f.name, { value: methodOf(f), writable: true, configurable: true });
    const descriptor = Object.getOwnPropertyDescriptor(proto, f.name) as PropertyDescriptor;
    // A person may be out of the caller's reach (another organization's never is); a visible row's branch never is.
    const nullable = f.kind === 'person';
    ResolveField(f.name, returnTypeOf(f), { nullable, description: f.description })(proto, f.name, descriptor);
    Ctx()(proto, f.name, 0);
    Parent()(proto, f.name, 1);
  }
  return RefFields;
}
