import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from './roles.js';

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

@ObjectType('Branch', { description: 'A branch office (a tenant) or the head office of an organization' })
export class Branch {
  @Field(() => ID, { description: 'Stable id of the branch' }) id: string;
  @Field({ description: 'Short code unique in the organization, e.g. SH; used in contract numbers' }) code: string;
  @Field({ description: 'Display name, e.g. Shanghai' }) name: string;
  @Field(() => BranchKindEnum, { description: 'Head office or a branch office' }) kind: BranchKindEnum;
  @Field({ description: 'IANA time zone in which the branch counts business days' }) timeZone: string;
  @Field({ description: 'ISO 4217 currency of the branch' }) currency: string;
}

@ObjectType('Membership', { description: "A person's role in one branch or at head office" })
export class Membership {
  @Field(() => Branch, { description: 'The branch or head office' }) branch: Branch;
  @Field(() => Role, { description: 'The role held there' }) role: Role;
}

@ObjectType('User', { description: 'A person who signs in' })
export class User {
  @Field(() => ID, { description: 'Stable id of the user' }) id: string;
  @Field({ description: 'Sign-in e-mail' }) email: string;
  @Field({ description: 'Name to show' }) displayName: string;
  @Field(() => Date, {
    nullable: true,
    description: 'When the account was disabled (it can neither sign in nor use its tokens); null while active',
  })
  disabledAt: Date | null;
  @Field(() => [Membership], { description: 'Where the person works and in which role' }) memberships: Membership[];
}

@ObjectType('StaffMember', { description: 'A person of a branch, as colleagues see them' })
export class StaffMember {
  @Field(() => ID, { description: 'Stable id of the staff member' }) id: string;
  @Field({ description: 'Name to show' }) displayName: string;
  @Field({ description: 'Work e-mail' }) email: string;
  @Field(() => Role, { description: 'Role in the branch (or at head office for head-office people)' }) role: Role;
}

@ObjectType('AuthPayload', {
  description: 'A signed-in session: a short-lived access token and a single-use refresh token',
})
export class AuthPayload {
  @Field({ description: 'JWT to send as Authorization: Bearer <token>; expires after expiresIn seconds' })
  accessToken: string;
  @Field({ description: 'Single use: exchange it with refreshToken for a new pair' }) refreshToken: string;
  @Field(() => Int, { description: 'Seconds until the access token expires' }) expiresIn: number;
  @Field(() => User, { description: 'Who signed in, with their memberships' }) user: User;
}
