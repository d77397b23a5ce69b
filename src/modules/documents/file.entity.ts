import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { DocumentKind } from './document.enums.js';

/** bigint arrives as text; a file's size is far below 2^53, so a number is exact. */
const BYTES = { from: (v: string | null) => (v == null ? v : Number(v)), to: (v: number) => v };

@Entity('files')
@ObjectType('StoredFile', {
  description: 'A stored file: its bytes are read by an authorized download or a short-lived signed link',
})
export class StoredFile {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the file belongs to' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the file' }) id: string;
  @Column('text')
  @Field(() => DocumentKind, { description: 'The document kind it was uploaded for (sets its types and size limit)' })
  kind: DocumentKind;
  @Column('text') @Field({ description: 'The file name as uploaded (a name, never a path)' }) name: string;
  @Column('text', { name: 'content_type' })
  @Field({ description: 'The content type, sniffed from the bytes (not taken from the name or the client)' })
  contentType: string;
  @Column('bigint', { name: 'size_bytes', transformer: BYTES })
  @Field(() => Float, { description: 'Size in bytes' })
  sizeBytes: number;
  @Column('text') @Field({ description: 'SHA-256 of the bytes, lowercase hex' }) sha256: string;
  /** `<branchId>/<id>` in the object storage; never exposed, never from a request. */
  @Column('text', { name: 'storage_key' }) storageKey: string;
  @Column('uuid', { name: 'uploaded_by' })
  @Field(() => ID, { description: 'Id of the person who uploaded it' })
  uploadedById: string;
  @Column('timestamptz', { name: 'uploaded_at', default: () => 'now()' })
  @Field({ description: 'When the upload completed' })
  uploadedAt: Date;
}

export const Files = defineTable(StoredFile, { module: 'documents', noun: 'File' });
