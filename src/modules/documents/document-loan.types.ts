import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Connection, NotBlank } from '@app/graphql';
import { DocumentLoan } from './document-loan.entity.js';
import { LoanMedium, LoanState, ReturnCondition } from './document-loan.enums.js';

@ObjectType('DocumentLoanConnection', {
  description: 'A page of document loan rows: edges, pageInfo and totalCount (Relay connection)',
})
export class DocumentLoanConnection extends Connection(DocumentLoan, 'DocumentLoan') {}

@InputType({ description: 'A loan to ask for: an issued or archived document you may read' })
export class RequestDocumentLoanInput {
  @Field(() => ID, { description: 'The document' })
  @IsUUID('all', { message: 'must be a document id' })
  documentId: string;
  @Field(() => LoanMedium, { description: 'The paper original or an electronic copy' })
  @IsEnum(LoanMedium)
  medium: LoanMedium;
  @Field({ description: 'What it is borrowed for' })
  @Length(1, 500)
  @NotBlank()
  purpose: string;
  @Field(() => Int, { description: 'For how many working days, 1 to 30 (counted from the approval day)' })
  @IsInt()
  @Min(1)
  @Max(30)
  workingDays: number;
}

@InputType({ description: 'How a loan came back' })
export class ReturnDocumentLoanInput {
  @Field(() => ReturnCondition, { description: 'What the check found' })
  @IsEnum(ReturnCondition)
  condition: ReturnCondition;
  @Field(() => String, { nullable: true, description: 'Required unless INTACT: what is damaged, missing or lost' })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  note?: string | null;
}

@InputType({ description: 'Conditions on the loans list; all given must hold' })
export class DocumentLoanFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this document' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a document id' })
  documentId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this borrower' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a person id' })
  borrowerId?: string;
  @Field(() => LoanState, { nullable: true, description: 'Only this state' })
  @IsOptional()
  @IsEnum(LoanState)
  state?: LoanState;
  @Field(() => Boolean, { nullable: true, description: 'true: only overdue loans' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}
