import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { PunchKind, PunchSource, PunchState } from './attendance.enums.js';

@Entity('attendance_settings')
@ObjectType('AttendanceSettings', {
  description: "A branch's attendance rules, measured against its calendar's working hours (考勤规则)",
})
export class AttendanceSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @Column('integer', { name: 'grace_minutes', default: 30 })
  @Field(() => Int, {
    description: 'X: late or early by up to this many minutes deducts; beyond it is half a day absent (default 30)',
  })
  graceMinutes: number;
  @Column('numeric', { precision: 18, scale: 2, default: 50 })
  @Field(() => GraphQLDecimal, { description: 'Deducted per late arrival or early leave within X (branch currency)' })
  deduction: string;
  @Column('integer', { name: 'warn_after_lates', default: 3 })
  @Field(() => Int, { description: 'N: more late arrivals than this in a month brings a warning (default 3)' })
  warnAfterLates: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('attendance_punches')
@ObjectType('AttendancePunch', { description: 'A clock-in or clock-out (打卡)' })
export class AttendancePunch {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id' }) id: string;
  @Column('uuid', { name: 'person_id' }) @Field(() => ID, { description: 'Whose punch' }) personId: string;
  @Column('text') @Field(() => PunchKind, { description: 'IN or OUT' }) kind: PunchKind;
  @Column('timestamptz') @Field({ description: 'The instant' }) at: Date;
  @Column('date')
  @Field(() => GraphQLDate, { description: "The branch's local day of the instant" })
  day: string;
  @Column('text') @Field(() => PunchSource, { description: 'Device, app or manual correction' }) source: PunchSource;
  @Column('text') @Field(() => PunchState, { description: 'Whether it counts' }) state: PunchState;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Why a correction is needed' })
  note: string | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The approval request of a correction' })
  approvalRequestId: string | null;
  @Column('uuid', { name: 'recorded_by' }) @Field(() => ID, { description: 'Who recorded it' }) recordedBy: string;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  recordedAt: Date;
}

export const AttendanceSettingsTable = defineTable(AttendanceSettings, {
  module: 'performance',
  noun: 'AttendanceSettings',
});
export const AttendancePunches = defineTable(AttendancePunch, { module: 'performance', noun: 'AttendancePunch' });
