import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('satisfaction_surveys')
export class SatisfactionSurveyEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('text') period: string;
  @Column('smallint') score: number;
  @Column('text') method: string;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('date', { name: 'surveyed_on' }) surveyedOn: string;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
