import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('FileLink', { description: 'A short-lived download link for one file, for the person who asked for it' })
export class FileLink {
  @Field({
    description:
      'Path of the link on the API (GET it, no token needed): bound to the file, its branch and you; ' +
      'altered or expired, it answers 404',
  })
  url: string;
  @Field({ description: 'When the link stops working (FILE_LINK_TTL_SECONDS after it was made)' })
  expiresAt: Date;
}
