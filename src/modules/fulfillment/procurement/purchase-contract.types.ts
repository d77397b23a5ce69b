import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { PurchaseContractState } from './procurement.enums.js';
import { PurchaseContract } from './purchase-contract.entity.js';

@ObjectType('PurchaseContractConnection', {
  description: 'A page of purchase contracts with suppliers, newest first (Relay connection)',
})
export class PurchaseContractConnection extends Connection(PurchaseContract, 'PurchaseContract') {}

@InputType({ description: 'Conditions on the purchase contract list; all given must hold' })
export class PurchaseContractFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the contracts of this procurement request' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a procurement request id' })
  requestId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the contracts with this supplier' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a vendor id' })
  supplierId?: string;
  @Field(() => PurchaseContractState, { nullable: true, description: 'Only contracts in this state' })
  @IsOptional()
  @IsEnum(PurchaseContractState)
  state?: PurchaseContractState;
}
