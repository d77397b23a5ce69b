import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '@app/graphql';

@ObjectType('Notification')
export class Notification {
  @Field(() => ID, { description: 'Stable id of the notification' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the notification belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'What happened, e.g. CUSTOMER_CONTACT_DUE' }) kind: string;
  @Field() title: string;
  @Field() body: string;
  @Field(() => String, { nullable: true }) subjectType: string | null;
  @Field(() => ID, { nullable: true }) subjectId: string | null;
  @Field({ description: 'When the notification was recorded' }) createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
}

@ObjectType('NotificationConnection', {
  description: 'A page of notification rows: edges, pageInfo and totalCount (Relay connection)',
})
export class NotificationConnection extends Connection(Notification, 'Notification') {}
