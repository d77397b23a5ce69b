import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { NotBlank } from '@app/graphql';
import { Confidentiality, DocumentKind } from '../document.enums.js';

@InputType({ description: 'A document to draft, with its first version (a file uploaded for the same kind)' })
export class CreateDocumentInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => DocumentKind, { description: 'What the document is; sets its numbering' })
  @IsEnum(DocumentKind)
  kind: DocumentKind;
  @Field({ description: 'Its title' })
  @Length(1, 200)
  @NotBlank()
  title: string;
  @Field(() => Confidentiality, { description: 'Who may read it' })
  @IsEnum(Confidentiality)
  confidentiality: Confidentiality;
  @Field(() => ID, { description: 'The file of version 1 (POST /files?kind=<kind>)' })
  @IsUUID('all', { message: 'must be a file id' })
  fileId: string;
}

@InputType({ description: 'Changes to a DRAFT document; name at least one' })
export class UpdateDocumentInput {
  @Field({ nullable: true, description: 'A new title' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  title?: string;
  @Field(() => Confidentiality, { nullable: true, description: 'A new level' })
  @IsOptional()
  @IsEnum(Confidentiality)
  confidentiality?: Confidentiality;
}

@InputType({ description: 'A new version of a DRAFT or ISSUED document' })
export class AddDocumentVersionInput {
  @Field(() => ID, { description: 'The file of the new version (uploaded for the document’s kind)' })
  @IsUUID('all', { message: 'must be a file id' })
  fileId: string;
  @Field({ nullable: true, description: 'What changed' })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  note?: string;
}
