import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { Document, DocumentRead } from './document.entity.js';
import { Confidentiality, DocumentKind, DocumentState } from './document.enums.js';

@ObjectType('DocumentConnection', {
  description: 'A page of document rows: edges, pageInfo and totalCount (Relay connection)',
})
export class DocumentConnection extends Connection(Document, 'Document') {}

@ObjectType('DocumentReadConnection', {
  description: 'A page of document read rows: edges, pageInfo and totalCount (Relay connection)',
})
export class DocumentReadConnection extends Connection(DocumentRead, 'DocumentRead') {}

@InputType({ description: 'Conditions on the documents list; all given must hold' })
export class DocumentFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => DocumentKind, { nullable: true, description: 'Only this kind' })
  @IsOptional()
  @IsEnum(DocumentKind)
  kind?: DocumentKind;
  @Field(() => DocumentState, { nullable: true, description: 'Only this state' })
  @IsOptional()
  @IsEnum(DocumentState)
  state?: DocumentState;
  @Field(() => Confidentiality, { nullable: true, description: 'Only this level' })
  @IsOptional()
  @IsEnum(Confidentiality)
  confidentiality?: Confidentiality;
}
