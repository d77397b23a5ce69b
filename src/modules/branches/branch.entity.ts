import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BranchKind = 'HEAD_OFFICE' | 'BRANCH';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('branches')
export class BranchEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') kind: BranchKind;
  @Column('text', { name: 'time_zone', default: 'Asia/Shanghai' }) timeZone: string;
  @Column('char', { length: 3, default: 'CNY' }) currency: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}
