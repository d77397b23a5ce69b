import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Branch } from './branch.entity.js';
import { BranchKindEnum } from './branch.enums.js';
import { User } from './user.entity.js';
import { Role } from './roles.js';

/** Other modules name the branch type and its kind from here (the branches module's exported types). */
export { Branch, BranchKindEnum };

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
