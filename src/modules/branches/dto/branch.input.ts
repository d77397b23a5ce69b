import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsIn, IsOptional, IsUUID, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { NotBlank } from '@app/graphql';
import { Role } from '../roles.js';

@InputType({ description: 'Sign-in credentials' })
export class LoginInput {
  @Field({ description: 'Sign-in e-mail' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;
  @Field({ description: 'Password' }) @MinLength(1, { message: 'must not be empty' }) @MaxLength(200) password: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Only needed when the same e-mail and password open accounts in more than one organization',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an organization id' })
  organizationId?: string;
}

@InputType({ description: 'A new branch office' })
export class CreateBranchInput {
  @Field({ description: 'Short code, e.g. SH; used in document numbers' })
  @Matches(/^[A-Z][A-Z0-9]{1,9}$/, { message: 'must be 2 to 10 capital letters or digits, starting with a letter' })
  code: string;

  @Field({ description: 'Display name, e.g. Shanghai' })
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @NotBlank()
  name: string;

  @Field({
    nullable: true,
    defaultValue: 'Asia/Shanghai',
    description: 'IANA time zone in which the branch counts business days',
  })
  @IsOptional()
  @MaxLength(64)
  timeZone?: string;

  @Field({ nullable: true, defaultValue: 'CNY', description: 'ISO 4217 currency of the branch' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as CNY' })
  currency?: string;
}

@InputType({ description: 'A new person of a branch, with a role' })
export class CreateUserInput {
  @Field({ description: 'Sign-in e-mail' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;
  @Field({ description: 'Name to show' })
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @NotBlank()
  displayName: string;
  @Field({ description: 'Initial password, 10 to 200 characters; the person should change it' })
  @Length(10, 200, { message: 'must be 10 to 200 characters' })
  password: string;
  @Field(() => ID, { description: 'Head office: the branch meant; branch staff may leave it out (their own branch)' })
  @IsUUID('all', { message: 'must be a branch id' })
  branchId: string;
  @Field(() => Role, { description: 'Role in the branch (head-office roles only at head office)' })
  @IsIn(Object.values(Role))
  role: Role;
}
