import { registerEnumType } from '@nestjs/graphql';

export enum BranchKindEnum {
  HEAD_OFFICE = 'HEAD_OFFICE',
  BRANCH = 'BRANCH',
}
registerEnumType(BranchKindEnum, {
  name: 'BranchKind',
  description: 'Whether a branch is the head office or a branch office',
  valuesMap: {
    BRANCH: { description: 'A branch office (a tenant): sees only its own data' },
    HEAD_OFFICE: { description: 'The head office: sees and compares every branch of the organization' },
  },
});
