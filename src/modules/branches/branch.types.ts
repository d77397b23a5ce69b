import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from './roles.js';

export enum BranchKindEnum {
  HEAD_OFFICE = 'HEAD_OFFICE',
  BRANCH = 'BRANCH',
}
registerEnumType(BranchKindEnum, { name: 'BranchKind' });

@ObjectType('Branch', { description: 'A branch office (a tenant) or the head office of an organization' })
export class Branch {
  @Field(() => ID, { description: 'Stable id of the branch' }) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => BranchKindEnum) kind: BranchKindEnum;
  @Field({ description: 'IANA time zone in which the branch counts business days' }) timeZone: string;
  @Field({ description: 'ISO 4217 currency of the branch' }) currency: string;
}

@ObjectType('Membership')
export class Membership {
  @Field(() => Branch) branch: Branch;
  @Field(() => Role) role: Role;
}

@ObjectType('User')
export class User {
  @Field(() => ID, { description: 'Stable id of the user' }) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field(() => Date, {
    nullable: true,
    description: 'When the account was disabled (it can neither sign in nor use its tokens); null while active',
  })
  disabledAt: Date | null;
  @Field(() => [Membership]) memberships: Membership[];
}

@ObjectType('StaffMember', { description: 'A person of a branch, as colleagues see them' })
export class StaffMember {
  @Field(() => ID, { description: 'Stable id of the staff member' }) id: string;
  @Field() displayName: string;
  @Field() email: string;
  @Field(() => Role) role: Role;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field() accessToken: string;
  @Field({ description: 'Single use: exchange it with refreshToken for a new pair' }) refreshToken: string;
  @Field(() => Int, { description: 'Seconds until the access token expires' }) expiresIn: number;
  @Field(() => User) user: User;
}
