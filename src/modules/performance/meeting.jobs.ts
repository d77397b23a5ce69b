import { Injectable } from '@nestjs/common';
import { Database, addDays, startOfLocalDay, todayIn, type RequestContext, type Tx } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { NotificationsService } from '../notifications/notifications.service.js';
import { MeetingActionItems } from './meeting.entity.js';
import { ActionItemState } from './meeting.enums.js';
import { meetingJobs } from './meeting.job-catalogue.js';

const BATCH = 50;

/**
 * Action item reminders: the day before the due day the owner hears it is due tomorrow; the day after, that it is
 * overdue; once each (a dedupe key per item, due day and stage, so a retried batch or a second replica tells
 * nobody twice). An item made on or after the day before its due day skips straight to the overdue notice.
 */
@Injectable()
export class MeetingJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(meetingJobs.actionItemScan)
  async actionItemScan(): Promise<{ notices: number }> {
    const total = { notices: 0 };
    await scanDue(this.db, {
      batch: BATCH,
      claim: (tx, batch) =>
        tx.query<{ branch_id: string; id: string }>('SELECT branch_id, id FROM claim_due_action_items($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        for (const k of keys) total.notices += await this.notice(ctx, tx, k.branch_id, k.id);
      },
    });
    return total;
  }

  private async notice(ctx: RequestContext, tx: Tx, branchId: string, id: string): Promise<number> {
    const item = await MeetingActionItems.find(tx, { branchId, id });
    if (!item) return 0;
    if (item.state !== ActionItemState.OPEN || item.noticeStage >= 2) {
      await MeetingActionItems.update(tx, MeetingActionItems.keyOf(item), { nextNoticeAt: null });
      return 0;
    }
    const [{ time_zone: tz }] = await tx.query<{ time_zone: string }>(
      'SELECT time_zone FROM scope_branches WHERE id = $1',
      [branchId],
    );
    const today = todayIn(tz);
    const overdue = today > item.dueOn;
    const tomorrow = today === addDays(item.dueOn, -1);
    const stage = overdue ? 2 : 1;
    await MeetingActionItems.update(tx, MeetingActionItems.keyOf(item), {
      noticeStage: stage,
      nextNoticeAt: overdue ? null : startOfLocalDay(addDays(item.dueOn, 1), tz),
    });
    if (!overdue && !tomorrow) return 0;
    const sent = await this.notifications.notify(ctx, {
      branchId,
      userId: item.ownerId,
      kind: overdue ? 'ACTION_ITEM_OVERDUE' : 'ACTION_ITEM_DUE',
      title: overdue ? 'Action item overdue' : 'Action item due tomorrow',
      body: `${item.title} (due ${item.dueOn})`.slice(0, 500),
      subjectType: 'meeting_action_item',
      subjectId: item.id,
      dedupeKey: `action-item:${item.id}:${item.dueOn}:${stage}`,
    });
    return sent ? 1 : 0;
  }
}
