import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { ProcurementRequest } from './procurement.entity.js';
import { ProcurementRequestState } from './procurement.enums.js';

@ObjectType('ProcurementRequestConnection', {
  description: 'A page of procurement requests, newest first (Relay connection)',
})
export class ProcurementRequestConnection extends Connection(ProcurementRequest, 'ProcurementRequest') {}

@InputType({ description: 'Conditions on the procurement request list; all given must hold' })
export class ProcurementRequestFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ProcurementRequestState, { nullable: true, description: 'Only requests in this state' })
  @IsOptional()
  @IsEnum(ProcurementRequestState)
  state?: ProcurementRequestState;
}

@ObjectType('ProcurementComparisonOffer', { description: 'One supplier’s offer for one request line, for comparison' })
export class ProcurementComparisonOffer {
  branchId: string;
  @Field(() => ID, { description: 'Id of the request for quotation the offer answers' }) quotationId: string;
  @Field(() => ID, { description: 'Id of the offer line' }) offerLineId: string;
  @Field(() => ID, { description: 'Id of the supplier (as an object: supplier)' }) supplierId: string;
  @Field(() => GraphQLDecimal, { description: 'Price per unit offered' }) unitPrice: string;
  @Field(() => GraphQLDecimal, { description: 'The request line’s quantity × the unit price, to the cent' })
  lineTotal: string;
  @Field(() => Int, { description: 'Calendar days from order to delivery' }) leadTimeDays: number;
  @Field(() => GraphQLDate, { description: 'Last business day the offer holds' }) validUntil: string;
  @Field(() => String, { nullable: true, description: 'Terms of the offer' }) terms: string | null;
  @Field({ description: 'The offer no longer holds (its last day is before the branch’s today): it cannot be awarded' })
  expired: boolean;
  @Field({ description: 'The lowest unit price of the line among offers that still hold (ties: each is marked)' })
  cheapest: boolean;
}

@ObjectType('ProcurementComparisonLine', {
  description: 'One line of a procurement request with every supplier’s offer side by side, cheapest first',
})
export class ProcurementComparisonLine {
  branchId: string;
  @Field(() => ID, { description: 'Id of the procurement request line' }) requestLineId: string;
  @Field(() => Int, { description: 'Position in the request, from 1' }) position: number;
  @Field(() => ID, { description: 'Id of the catalogue product (as an object: product)' }) productId: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity needed' }) quantity: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The lowest unit price that still holds; null if none' })
  cheapestUnitPrice: string | null;
  @Field(() => [ProcurementComparisonOffer], { description: 'The offers recorded, cheapest first (expired last)' })
  offers: ProcurementComparisonOffer[];
}
