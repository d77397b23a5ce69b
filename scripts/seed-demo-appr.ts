import type { INestApplicationContext } from '@nestjs/common';
import { ApprovalSettingsService } from '../src/modules/approvals/approval-settings.service.js';
import { openDueCycles } from '../src/modules/performance/appraisal-cycles.js';
import { AppraisalCycleKind } from '../src/modules/performance/appraisal.enums.js';
import { AppraisalService } from '../src/modules/performance/appraisal.service.js';
import { MeetingKind } from '../src/modules/performance/meeting.enums.js';
import { MeetingService, mondayOf } from '../src/modules/performance/meeting.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';

/**
 * The demo's appraisal slice: every branch's due cycles opened as the worker opens them (last month's and last
 * year's, an appraisal per person), with the rep's monthly self-assessment handed in, waiting for the manager; and
 * this week's department meeting with its minutes and two action items (the rep's due tomorrow).
 */
export function apprSlices(app: INestApplicationContext, as: ActAs): DemoSlice[] {
  const calendars = app.get(ApprovalSettingsService);
  const appraisals = app.get(AppraisalService);

  const cycleSlice: DemoSlice = {
    table: 'appraisal_cycles',
    seed: async (b) => {
      await as(b.manager, async (ctx) =>
        openDueCycles(await ctx.tx(), b.id, day(0), await calendars.calendar(ctx, b.id)),
      );
      await as(b.rep, async (ctx) => {
        const [cycle] = await appraisals.cycles(ctx, { kind: AppraisalCycleKind.MONTHLY, first: 1 });
        const [monthly] = await appraisals.list(ctx, { cycleId: cycle.id, personId: b.rep.id });
        if (monthly) {
          await appraisals.selfAssess(ctx, {
            id: monthly.id,
            selfAssessment: 'Six effective visits, two contracts signed, all leads followed up within a day.',
          });
        }
      });
    },
  };
  const meetings = app.get(MeetingService);
  /** This week's department meeting, held on Monday, with two action items: one due tomorrow, one due next week. */
  const meetingSlice: DemoSlice = {
    table: 'meetings',
    seed: async (b) => {
      await as(b.manager, async (ctx) => {
        const heldOn = mondayOf(day(0));
        const m = await meetings.create(ctx, {
          kind: MeetingKind.WEEKLY,
          title: 'Weekly department meeting',
          heldOn,
          lastWeekReport: 'Two quotes sent, one contract signed, six effective visits.',
          thisWeekPlan: 'Close the Orient Machinery renewal; visit Jade Hospital Group.',
          issues: 'Delivery dates from the maker are slipping by a week.',
          minutes: 'The rep follows up the renewal; the manager calls the maker about delivery dates.',
        });
        await meetings.addActionItem(ctx, {
          meetingId: m.id,
          title: 'Send the renewal offer to Orient Machinery',
          ownerId: b.rep.id,
          dueOn: day(1),
        });
        await meetings.addActionItem(ctx, {
          meetingId: m.id,
          title: 'Call the maker about delivery dates',
          ownerId: b.manager.id,
          dueOn: day(7),
        });
      });
    },
  };
  return [cycleSlice, meetingSlice];
}
