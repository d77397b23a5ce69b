import { Args, ID, Int } from '@nestjs/graphql';
import { OptionalUuidPipe } from './pipes.js';

/** The `first` argument of every list: the page size, 1 to 100 rows (default 20). */
export const FirstArg = () =>
  Args('first', {
    type: () => Int,
    nullable: true,
    defaultValue: 20,
    description: 'Page size: 1 to 100 rows (default 20)',
  });

/** The `after` argument of every list: the keyset cursor to continue after. */
export const AfterArg = () =>
  Args('after', {
    nullable: true,
    description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
  });

/** What an optional branch argument means, unless the operation says otherwise. */
export const BRANCH_ID_ARG = 'Head office: the branch meant; branch staff may leave it out (their own branch)';

/**
 * The optional `branchId` of head-office operations: an ID, checked as a UUID (a malformed one answers as a branch
 * that does not exist); omitted, the caller's scope decides (branch staff: their own branch).
 */
export const BranchIdArg = (description: string = BRANCH_ID_ARG) =>
  Args('branchId', { type: () => ID, nullable: true, description }, OptionalUuidPipe);
