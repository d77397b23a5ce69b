import type { ActAs, DemoSlice } from './seed-demo-commercial.js';

/**
 * The demo's attendance: the last month of device punches for every person of every branch, Monday to Friday
 * (09:00-18:00 on the branch calendar): most arrive between 08:45 and 09:10, about one day in twelve someone
 * comes 20 to 50 minutes late, everyone clocks out between 18:00 and 18:40. Punches older than a day can only be
 * corrections through the service, so the history goes in as the branch's device export would: one statement per
 * branch, as its manager (row-level security applies).
 */
export function kpiSlices(as: ActAs): DemoSlice[] {
  const attendance: DemoSlice = {
    table: 'attendance_punches',
    async seed({ id: branchId, manager }) {
      await as(manager, async (ctx) =>
        (await ctx.tx()).query(
          `WITH days AS (
             SELECT d::date AS day FROM generate_series(
               (now() AT TIME ZONE 'Asia/Shanghai')::date - 30, (now() AT TIME ZONE 'Asia/Shanghai')::date - 1,
               interval '1 day') d
             WHERE extract(isodow FROM d) < 6),
           people AS (SELECT DISTINCT user_id FROM branch_directory WHERE branch_id = $1),
           shifts AS (
             SELECT p.user_id, d.day, abs(hashtext(p.user_id::text || d.day::text)) AS h FROM people p, days d)
           INSERT INTO attendance_punches (branch_id, id, person_id, kind, at, day, source, state, recorded_by)
           SELECT $1, gen_random_uuid(), s.user_id, k.kind,
             (s.day + k.at) AT TIME ZONE 'Asia/Shanghai', s.day, 'DEVICE', 'COUNTED', s.user_id
           FROM shifts s CROSS JOIN LATERAL (VALUES
             ('IN', time '08:45' + (s.h % 25) * interval '1 minute'
               + CASE WHEN s.h % 12 = 0 THEN (20 + s.h % 31) * interval '1 minute' ELSE interval '0' END),
             ('OUT', time '18:00' + (s.h / 25 % 40) * interval '1 minute')) AS k(kind, at)`,
          [branchId],
        ),
      );
    },
  };
  return [attendance];
}
