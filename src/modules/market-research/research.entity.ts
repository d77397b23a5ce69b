import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('research_items')
export class ResearchItemEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('text') source: string;
  @Column('text', { nullable: true }) url: string | null;
  @Column('date', { name: 'published_on' }) publishedOn: string;
  @Column('text', { array: true, default: () => "'{}'" }) tags: string[];
  @Column('text') summary: string;
  @Column('smallint') relevance: number;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('research_settings')
export class ResearchSettingsEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('smallint', { name: 'digest_top_items', default: 10 }) digestTopItems: number;
  @Column('smallint', { name: 'digest_hour', default: 8 }) digestHour: number;
  @Column('numeric', { name: 'weight_market_size', precision: 5, scale: 2, default: 40 }) weightMarketSize: string;
  @Column('numeric', { name: 'weight_growth', precision: 5, scale: 2, default: 35 }) weightGrowth: string;
  @Column('numeric', { name: 'weight_competition', precision: 5, scale: 2, default: 25 }) weightCompetition: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('research_digests')
export class ResearchDigestEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('date', { name: 'week_start' }) weekStart: string;
  @Column('text', { default: 'PENDING' }) state: string;
  @Column('integer', { name: 'item_count', nullable: true }) itemCount: number | null;
  @Column('jsonb', { name: 'tag_counts', nullable: true }) tagCounts: unknown;
  @Column('jsonb', { name: 'kind_counts', nullable: true }) kindCounts: unknown;
  @Column('integer', { nullable: true }) recipients: number | null;
  @Column('timestamptz', { name: 'built_at', nullable: true }) builtAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('research_digest_items')
export class ResearchDigestItemEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'digest_id' }) digestId: string;
  @Column('uuid', { name: 'item_id' }) itemId: string;
  @Column('smallint') rank: number;
}

@Entity('competitors')
export class CompetitorEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) website: string | null;
  @Column('text', { nullable: true }) product: string | null;
  @Column('text', { nullable: true }) price: string | null;
  @Column('text', { nullable: true }) channel: string | null;
  @Column('text', { nullable: true }) promotion: string | null;
  @Column('text', { nullable: true }) strengths: string | null;
  @Column('text', { nullable: true }) weaknesses: string | null;
  @Column('text', { nullable: true }) response: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('competitor_observations')
export class CompetitorObservationEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'competitor_id' }) competitorId: string;
  @Column('date', { name: 'observed_on' }) observedOn: string;
  @Column('text') aspect: string;
  @Column('text') note: string;
  @Column('text', { nullable: true }) source: string | null;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('market_segments')
export class MarketSegmentEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') region: string;
  @Column('text') industry: string;
  @Column('text') size: string;
  @Column('smallint', { name: 'market_size_score' }) marketSizeScore: number;
  @Column('smallint', { name: 'growth_score' }) growthScore: number;
  @Column('smallint', { name: 'competition_score' }) competitionScore: number;
  @Column('boolean', { default: false }) focus: boolean;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('segment_personas')
export class SegmentPersonaEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'segment_id' }) segmentId: string;
  @Column('text') name: string;
  @Column('text') profile: string;
  @Column('text', { nullable: true }) needs: string | null;
  @Column('text', { name: 'decision_process', nullable: true }) decisionProcess: string | null;
  @Column('text', { name: 'purchasing_preferences', nullable: true }) purchasingPreferences: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('research_events')
export class ResearchEventEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) location: string | null;
  @Column('date', { name: 'starts_on' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) endsOn: string;
  @Column('uuid', { name: 'attendee_ids', array: true, default: () => "'{}'" }) attendeeIds: string[];
  @Column('text', { nullable: true }) takeaways: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('demand_surveys')
export class DemandSurveyEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') title: string;
  @Column('text') goal: string;
  @Column('text') method: string;
  @Column('date', { name: 'starts_on' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) endsOn: string;
  @Column('text', { name: 'potential_demand', nullable: true }) potentialDemand: string | null;
  @Column('text', { nullable: true }) preferences: string | null;
  @Column('text', { name: 'pain_points', nullable: true }) painPoints: string | null;
  @Column('timestamptz', { name: 'reported_at', nullable: true }) reportedAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('survey_responses')
export class SurveyResponseEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'survey_id' }) surveyId: string;
  @Column('text') respondent: string;
  @Column('text', { nullable: true }) organization: string | null;
  @Column('date', { name: 'responded_on' }) respondedOn: string;
  @Column('text') answers: string;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('marketing_plans')
export class MarketingPlanEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('date', { name: 'period_start' }) periodStart: string;
  @Column('date', { name: 'period_end' }) periodEnd: string;
  @Column('text', { name: 'product_strategy', nullable: true }) productStrategy: string | null;
  @Column('text', { name: 'price_strategy', nullable: true }) priceStrategy: string | null;
  @Column('text', { name: 'channel_strategy', nullable: true }) channelStrategy: string | null;
  @Column('text', { name: 'promotion_strategy', nullable: true }) promotionStrategy: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('plan_milestones')
export class PlanMilestoneEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'plan_id' }) planId: string;
  @Column('text') title: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('boolean', { default: false }) done: boolean;
  @Column('date', { name: 'done_on', nullable: true }) doneOn: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('campaigns')
export class CampaignEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'plan_id', nullable: true }) planId: string | null;
  @Column('text') name: string;
  @Column('text') type: string;
  @Column('numeric', { precision: 18, scale: 2 }) budget: string;
  @Column('numeric', { precision: 18, scale: 2, default: 0 }) spend: string;
  @Column('character', { length: 3 }) currency: string;
  @Column('date', { name: 'starts_on' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) endsOn: string;
  @Column('integer', { name: 'leads_count', default: 0 }) leadsCount: number;
  @Column('integer', { name: 'customers_count', default: 0 }) customersCount: number;
  @Column('text', { nullable: true }) lessons: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('campaign_customers')
export class CampaignCustomerEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('uuid', { name: 'linked_by' }) linkedBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}
