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
