import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate } from '@app/graphql';
import { RiskCategory } from './contract.enums.js';

/** Score, priority and whether it is answered are derived (ContractRisksResolver, risk-priority.ts). */
@Entity('contract_risks')
@ObjectType('ContractRisk', { description: 'A risk identified on a contract before signing, scored and answered' })
export class ContractRisk {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'The risk id' }) id: string;
  @Column('uuid', { name: 'contract_id' })
  @Field(() => ID, { description: 'The contract it belongs to' })
  contractId: string;
  @Column('text') @Field({ description: 'What could go wrong' }) description: string;
  @Column('text') @Field(() => RiskCategory, { description: 'The kind of risk' }) category: RiskCategory;
  @Column('smallint') @Field(() => Int, { description: 'How likely, 1 to 5' }) probability: number;
  @Column('smallint') @Field(() => Int, { description: 'How severe, 1 to 5' }) impact: number;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What is done about it; null while unanswered' })
  mitigation: string | null;
  @Column('uuid', { name: 'response_owner_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who answers for the response' })
  responseOwnerId: string | null;
  @Column('date', { name: 'response_due_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'When the response is due' })
  responseDueOn: string | null;
  @Column('uuid', { name: 'created_by' }) @Field(() => ID, { description: 'Who identified it' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was identified' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

export const ContractRisks = defineTable(ContractRisk, { module: 'contracts', noun: 'ContractRisk' });
