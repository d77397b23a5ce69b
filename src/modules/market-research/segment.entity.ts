import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDecimal } from '@app/graphql';
import { DEFAULT_SEGMENT_WEIGHTS } from './research-rules.js';
import { CustomerSize } from './research.enums.js';

/**
 * A segment's weighted score (numeric, 2 decimals) with its branch's weights (the defaults without a settings
 * row), for the segment row aliased `t`: competition counts inversely, as 100 − its score.
 */
export const SEGMENT_SCORE = (t: string) => `SELECT round((${t}.market_size_score * w.ws + ${t}.growth_score * w.wg
      + (100 - ${t}.competition_score) * w.wc) / (w.ws + w.wg + w.wc), 2)
    FROM (SELECT coalesce(max(rs.weight_market_size), ${DEFAULT_SEGMENT_WEIGHTS.marketSize}) AS ws,
             coalesce(max(rs.weight_growth), ${DEFAULT_SEGMENT_WEIGHTS.growth}) AS wg,
             coalesce(max(rs.weight_competition), ${DEFAULT_SEGMENT_WEIGHTS.competition}) AS wc
      FROM research_settings rs WHERE rs.branch_id = ${t}.branch_id) w`;

@Entity('market_segments')
@ObjectType('MarketSegment', { description: 'A target segment by region, industry and customer size, scored' })
export class MarketSegment {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the market segment belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the market segment' }) id: string;
  @Column('text') @Field({ description: 'Segment name' }) name: string;
  @Column('text') @Field({ description: 'Region of the segment' }) region: string;
  @Column('text') @Field({ description: 'Industry of the segment' }) industry: string;
  @Column('text') @Field(() => CustomerSize, { description: 'Customer size of the segment' }) size: CustomerSize;
  @Column('smallint', { name: 'market_size_score' })
  @Field(() => Int, { description: '0-100' })
  marketSizeScore: number;
  @Column('smallint', { name: 'growth_score' }) @Field(() => Int, { description: '0-100' }) growthScore: number;
  @Column('smallint', { name: 'competition_score' })
  @Field(() => Int, { description: '0-100: how intense competition is (counts against the segment)' })
  competitionScore: number;
  @VirtualColumn('text', { query: (t) => `(${SEGMENT_SCORE(t)})::text` })
  @Field(() => GraphQLDecimal, {
    description:
      'Weighted score 0-100 with the branch weights: (size·wS + growth·wG + (100 − competition)·wC) / (wS + wG + wC)',
  })
  score: string;
  @Column('boolean', { default: false }) @Field({ description: 'A chosen focus segment' }) focus: boolean;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Free notes' }) notes:
    string | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the market segment was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the market segment last changed' })
  updatedAt: Date;
}

@Entity('segment_personas')
@ObjectType('SegmentPersona', { description: 'A customer persona (客户画像) of a segment' })
export class SegmentPersona {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the segment persona' }) id: string;
  @Column('uuid', { name: 'segment_id' }) @Field(() => ID, { description: 'Id of the segment' }) segmentId: string;
  @Column('text') @Field({ description: 'Persona name, e.g. Plant purchasing manager' }) name: string;
  @Column('text') @Field({ description: 'Basic profile' }) profile: string;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Business needs' }) needs:
    string | null;
  @Column('text', { name: 'decision_process', nullable: true })
  @Field(() => String, { nullable: true, description: 'How they decide to buy' })
  decisionProcess: string | null;
  @Column('text', { name: 'purchasing_preferences', nullable: true })
  @Field(() => String, { nullable: true, description: 'What they prefer when buying' })
  purchasingPreferences: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const MarketSegments = defineTable(MarketSegment, { module: 'market-research', noun: 'MarketSegment' });
export const SegmentPersonas = defineTable(SegmentPersona, { module: 'market-research', noun: 'SegmentPersona' });
