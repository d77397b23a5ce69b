import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { Confidentiality, DocumentKind, DocumentReadKind, DocumentState } from './document.enums.js';

@Entity('documents')
@ObjectType('Document', { description: 'A numbered, reviewed, versioned document (文档) of a branch' })
export class Document {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the document belongs to' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the document' }) id: string;
  @Column('text') @Field(() => DocumentKind, { description: 'What the document is' }) kind: DocumentKind;
  @Column('text') @Field({ description: 'Its title' }) title: string;
  @Column('text')
  @Field(() => Confidentiality, { description: 'Who may read it' })
  confidentiality: Confidentiality;
  @Column('text', { default: 'DRAFT' })
  @Field(() => DocumentState, { description: 'Where it is in its life' })
  state: DocumentState;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Its number (e.g. SH-TZ-2026-0007), given when issued' })
  number: string | null;
  @Column('integer', { name: 'number_year', nullable: true }) numberYear: number | null;
  @Column('integer', { name: 'number_seq', nullable: true }) numberSeq: number | null;
  @Column('integer', { name: 'current_version', default: 1 })
  @Field(() => Int, { description: 'The version in force (the highest)' })
  currentVersion: number;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The review request in the approval engine, once submitted' })
  approvalRequestId: string | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of its author' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was drafted' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
  @Column('timestamptz', { name: 'issued_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was issued' })
  issuedAt: Date | null;
  @Column('timestamptz', { name: 'archived_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was archived' })
  archivedAt: Date | null;
}

@Entity('document_versions')
@ObjectType('DocumentVersion', { description: 'One version of a document: its file, who and when' })
export class DocumentVersion {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the version' }) id: string;
  @Column('uuid', { name: 'document_id' }) documentId: string;
  @Column('integer') @Field(() => Int, { description: '1, 2, ... in order' }) version: number;
  @Column('uuid', { name: 'file_id' })
  @Field(() => ID, { description: 'Id of its file (the file itself: file)' })
  fileId: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What changed' })
  note: string | null;
  @Column('uuid', { name: 'created_by' }) @Field(() => ID, { description: 'Who added it' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was added' })
  createdAt: Date;
}

@Entity('document_number_counters')
export class DocumentNumberCounter {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('text') kind: DocumentKind;
  @PrimaryColumn('integer') year: number;
  @Column('integer') last: number;
}

@Entity('document_grants')
@ObjectType('DocumentGrant', { description: 'A person given access to a document beyond their role’s clearance' })
export class DocumentGrant {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the grant' }) id: string;
  @Column('uuid', { name: 'document_id' }) @Field(() => ID, { description: 'The document' }) documentId: string;
  @Column('uuid', { name: 'user_id' }) @Field(() => ID, { description: 'Who may read it' }) userId: string;
  @Column('uuid', { name: 'granted_by' }) @Field(() => ID, { description: 'Who granted it' }) grantedById: string;
  @Column('timestamptz', { name: 'granted_at', default: () => 'now()' })
  @Field({ description: 'When' })
  grantedAt: Date;
}

@Entity('document_reads')
@ObjectType('DocumentRead', { description: 'One read of a CONFIDENTIAL or SECRET document' })
export class DocumentRead {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the entry' }) id: string;
  @Column('uuid', { name: 'document_id' }) @Field(() => ID, { description: 'The document' }) documentId: string;
  @Column('uuid', { name: 'reader_id' }) @Field(() => ID, { description: 'Who read it' }) readerId: string;
  @Column('text') @Field(() => DocumentReadKind, { description: 'What was read' }) what: DocumentReadKind;
  @Column('uuid', { name: 'file_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The file, for FILE and LINK' })
  fileId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) @Field({ description: 'When' }) at: Date;
}

export const Documents = defineTable(Document, { module: 'documents', noun: 'Document' });
export const DocumentVersions = defineTable(DocumentVersion, { module: 'documents', noun: 'DocumentVersion' });
export const DocumentNumberCounters = defineTable(DocumentNumberCounter, {
  module: 'documents',
  noun: 'DocumentNumberCounter',
});
export const DocumentGrants = defineTable(DocumentGrant, { module: 'documents', noun: 'DocumentGrant' });
export const DocumentReads = defineTable(DocumentRead, { module: 'documents', noun: 'DocumentRead' });
