import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';

@Entity('file_attachments')
@ObjectType('FileAttachment', {
  description: 'A file attached to a row of another module (a contract’s signed original, a visit report’s photos)',
})
export class FileAttachment {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the attachment belongs to' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the attachment' }) id: string;
  @Column('uuid', { name: 'file_id' })
  @Field(() => ID, { description: 'Id of the attached file (its metadata: file; its bytes: GET /files/<id>)' })
  fileId: string;
  @Column('text', { name: 'subject_type' })
  @Field({ description: 'What the file is attached to, e.g. CONTRACT, VISIT, TENDER_DOCUMENT' })
  subjectType: string;
  @Column('uuid', { name: 'subject_id' })
  @Field(() => ID, { description: 'Id of the row the file is attached to' })
  subjectId: string;
  @Column('text')
  @Field({ description: 'What the file is for that row, e.g. SIGNED_ORIGINAL, REPORT, QUALIFICATION' })
  purpose: string;
  @Column('uuid', { name: 'attached_by' })
  @Field(() => ID, { description: 'Id of the person who attached it' })
  attachedById: string;
  @Column('timestamptz', { name: 'attached_at', default: () => 'now()' })
  @Field({ description: 'When it was attached' })
  attachedAt: Date;
  /** Insertion order within the same instant (files named together keep their order). */
  @Column({ type: 'bigint', insert: false, update: false, select: false }) seq: string;
}

export const FileAttachments = defineTable(FileAttachment, { module: 'documents', noun: 'FileAttachment' });
