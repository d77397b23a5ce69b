import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

/**
 * Attendance (issue 13): clock-in and clock-out punches with their source; a MANUAL one (a correction) counts only
 * once the approval engine approved it (ATTENDANCE_CORRECTION, default: the branch manager). Each branch's rules
 * (minutes of grace, the deduction, lates before a warning) sit beside its working hours on the branch calendar.
 */
export class Attendance1766410000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attendance_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        grace_minutes integer NOT NULL DEFAULT 30 CHECK (grace_minutes BETWEEN 0 AND 240),
        deduction numeric(18, 2) NOT NULL DEFAULT 50 CHECK (deduction >= 0),
        warn_after_lates integer NOT NULL DEFAULT 3 CHECK (warn_after_lates BETWEEN 0 AND 31),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      ${tenantTable('attendance_settings')}

      CREATE TABLE attendance_punches (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('IN', 'OUT')),
        at timestamptz(3) NOT NULL,
        day date NOT NULL,
        source text NOT NULL CHECK (source IN ('DEVICE', 'APP', 'MANUAL')),
        state text NOT NULL CHECK (state IN ('COUNTED', 'PENDING', 'REJECTED')),
        note text,
        approval_request_id uuid,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CHECK ((source = 'MANUAL') = (note IS NOT NULL))
      );
      -- A person's month: one index range.
      CREATE INDEX attendance_punches_person_day ON attendance_punches (branch_id, person_id, day);
      ${tenantTable('attendance_punches', `${OWN_ONLY} OR person_id = ${USER_ID}`)}

      GRANT SELECT, INSERT, UPDATE ON attendance_settings, attendance_punches TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attendance_punches, attendance_settings`);
  }
}
