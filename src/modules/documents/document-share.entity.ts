import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate } from '@app/graphql';

@Entity('nda_records')
@ObjectType('NdaRecord', {
  description: 'A signed non-disclosure agreement (保密协议) with a counterparty: what sharing a document rests on',
})
export class NdaRecord {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch that signed it' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the record' }) id: string;
  @Column('text') @Field({ description: 'The company on the other side' }) counterparty: string;
  @Column('text', { name: 'counterparty_contact', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who signed for them' })
  counterpartyContact: string | null;
  @Column('date', { name: 'signed_on' })
  @Field(() => GraphQLDate, { description: 'The day it was signed' })
  signedOn: string;
  @Column('date', { name: 'expires_on' })
  @Field(() => GraphQLDate, { description: 'The last day it covers' })
  expiresOn: string;
  @Column('uuid', { name: 'file_id' })
  @Field(() => ID, { description: 'Id of the scan of the signed agreement (an AGREEMENT file)' })
  fileId: string;
  @Column('uuid', { name: 'recorded_by' }) @Field(() => ID, { description: 'Who recorded it' }) recordedById: string;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  recordedAt: Date;
}

@Entity('document_shares')
@ObjectType('DocumentShare', {
  description:
    'A document shared outside the company: recipient, purpose, the NDA it rests on, a link until it expires',
})
export class DocumentShare {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch of the document' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the share' }) id: string;
  @Column('uuid', { name: 'document_id' }) @Field(() => ID, { description: 'The document' }) documentId: string;
  @Column('uuid', { name: 'nda_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The NDA it rests on (none for a PUBLIC document)' })
  ndaId: string | null;
  @Column('text') @Field({ description: 'Who outside the company receives it' }) recipient: string;
  @Column('text') @Field({ description: 'What for' }) purpose: string;
  /** SHA-256 of the link's token; the token itself is shown once, when the share is made. */
  @Column('text', { name: 'token_sha256', select: false }) tokenSha256: string;
  @Column('timestamptz', { name: 'expires_at' })
  @Field({ description: 'When the link stops working' })
  expiresAt: Date;
  @Column('uuid', { name: 'shared_by' }) @Field(() => ID, { description: 'Who shared it' }) sharedById: string;
  @Column('timestamptz', { name: 'shared_at', default: () => 'now()' })
  @Field({ description: 'When' })
  sharedAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the link was revoked' })
  revokedAt: Date | null;
  @Column('uuid', { name: 'revoked_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who revoked it' })
  revokedById: string | null;
}

@Entity('document_share_downloads')
@ObjectType('DocumentShareDownload', { description: 'One download through an external share link' })
export class DocumentShareDownload {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the entry' }) id: string;
  @Column('uuid', { name: 'share_id' }) shareId: string;
  @Column('uuid', { name: 'file_id' }) @Field(() => ID, { description: 'The file downloaded' }) fileId: string;
  @Column('timestamptz', { default: () => 'now()' }) @Field({ description: 'When' }) at: Date;
  @Column('text', { name: 'client_ip' }) @Field({ description: 'From which address' }) clientIp: string;
}

export const NdaRecords = defineTable(NdaRecord, { module: 'documents', noun: 'NdaRecord' });
export const DocumentShares = defineTable(DocumentShare, { module: 'documents', noun: 'DocumentShare' });
export const DocumentShareDownloads = defineTable(DocumentShareDownload, {
  module: 'documents',
  noun: 'DocumentShareDownload',
});
