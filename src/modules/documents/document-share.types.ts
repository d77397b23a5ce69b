import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Connection, GraphQLDate, NotBlank } from '@app/graphql';
import { DocumentShare, NdaRecord } from './document-share.entity.js';

@ObjectType('NdaRecordConnection', {
  description: 'A page of NDA record rows: edges, pageInfo and totalCount (Relay connection)',
})
export class NdaRecordConnection extends Connection(NdaRecord, 'NdaRecord') {}

@ObjectType('DocumentShareConnection', {
  description: 'A page of document share rows: edges, pageInfo and totalCount (Relay connection)',
})
export class DocumentShareConnection extends Connection(DocumentShare, 'DocumentShare') {}

@ObjectType('DocumentSharePayload', { description: 'A new external share and its link (shown this once)' })
export class DocumentSharePayload {
  @Field(() => DocumentShare, { description: 'The share as recorded' }) share: DocumentShare;
  @Field({
    description:
      'The link to send the recipient (path and token; prefix the server address). Only its hash is kept: it cannot be shown again',
  })
  url: string;
}

@InputType({ description: 'A signed NDA to record, with the scan of the signed agreement' })
export class RecordNdaInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ description: 'The company on the other side' })
  @Length(1, 200)
  @NotBlank()
  counterparty: string;
  @Field(() => String, { nullable: true, description: 'Who signed for them' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  counterpartyContact?: string | null;
  @Field(() => GraphQLDate, { description: 'The day it was signed (not in the future)' }) signedOn: string;
  @Field(() => GraphQLDate, { description: 'The last day it covers (after the signing day)' }) expiresOn: string;
  @Field(() => ID, { description: 'The scan of the signed agreement: a file uploaded for kind AGREEMENT' })
  @IsUUID('all', { message: 'must be a file id' })
  fileId: string;
}

@InputType({ description: 'A document to share outside the company' })
export class ShareDocumentInput {
  @Field(() => ID, { description: 'An ISSUED or ARCHIVED document you may read (not SECRET)' })
  @IsUUID('all', { message: 'must be a document id' })
  documentId: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The NDA with the recipient; required unless the document is PUBLIC',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an NDA record id' })
  ndaId?: string | null;
  @Field({ description: 'Who receives it (person and company)' })
  @Length(1, 200)
  @NotBlank()
  recipient: string;
  @Field({ description: 'What for' })
  @Length(1, 500)
  @NotBlank()
  purpose: string;
  @Field(() => Int, { description: 'For how many days the link works, 1 to 30 (never beyond the NDA)' })
  @IsInt()
  @Min(1)
  @Max(30)
  days: number;
}

@InputType({ description: 'Conditions on the external shares list; all given must hold' })
export class DocumentShareFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this document' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a document id' })
  documentId?: string;
  @Field(() => Boolean, { nullable: true, description: 'true: only links that still work; false: only ended ones' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@InputType({ description: 'Conditions on the NDA list' })
export class NdaRecordFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
}
