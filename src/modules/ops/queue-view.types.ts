import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('QueueViewLink', { description: "A one-time link that opens the operators' queue view (/admin/queues)" })
export class QueueViewLink {
  @Field({
    description:
      'The path to open in the browser (relative to the API): it sets a 15-minute session cookie for /admin/queues and opens the view',
  })
  url: string;

  @Field(() => Date, { description: 'The link works once, until this instant (5 minutes after it was made)' })
  expiresAt: Date;
}
