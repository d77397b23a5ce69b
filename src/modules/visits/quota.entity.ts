import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('activity_quota_settings')
export class ActivityQuotaSettingsEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('integer', { name: 'valid_leads_per_week', default: 10 }) validLeadsPerWeek: number;
  @Column('integer', { name: 'proposals_per_week', default: 10 }) proposalsPerWeek: number;
  @Column('integer', { name: 'effective_visits_per_month', default: 6 }) effectiveVisitsPerMonth: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
