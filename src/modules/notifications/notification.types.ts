import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '@app/graphql';

@ObjectType('Notification', {
  description: 'A notice for you: a reminder, an approval waiting, an escalation, a digest',
})
export class Notification {
  @Field(() => ID, { description: 'Stable id of the notification' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the notification belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'What happened, e.g. CUSTOMER_CONTACT_DUE' }) kind: string;
  @Field({ description: 'One line to show' }) title: string;
  @Field({ description: 'Details' }) body: string;
  @Field(() => String, { nullable: true, description: 'What it is about, e.g. approval_request, customer, contract' })
  subjectType: string | null;
  @Field(() => ID, { nullable: true, description: 'Id of what it is about' }) subjectId: string | null;
  @Field({ description: 'When the notification was recorded' }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When you marked it read; null while unread' }) readAt: Date | null;
}

@ObjectType('NotificationConnection', {
  description: 'A page of notification rows: edges, pageInfo and totalCount (Relay connection)',
})
export class NotificationConnection extends Connection(Notification, 'Notification') {}
