import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '@app/graphql';

@ObjectType('Notification')
export class Notification {
  @Field(() => ID) id: string;
  @Field(() => ID) branchId: string;
  @Field({ description: 'What happened, e.g. CUSTOMER_CONTACT_DUE' }) kind: string;
  @Field() title: string;
  @Field() body: string;
  @Field(() => String, { nullable: true }) subjectType: string | null;
  @Field(() => ID, { nullable: true }) subjectId: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
}

@ObjectType('NotificationConnection')
export class NotificationConnection extends Connection(Notification, 'Notification') {}
