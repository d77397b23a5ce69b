import { Args, Int } from '@nestjs/graphql';

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
