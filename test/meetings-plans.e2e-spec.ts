import { describe, expect, it } from '@jest/globals';
import { addDays, todayIn } from '@app/core';
import { useFixture } from '@app/testing';
import { MeetingJobs } from '../src/modules/performance/meeting.jobs.js';

/**
 * Meetings and work plans end to end: the weekly department meeting (one per branch and week) with its report,
 * plan, issues and minutes; action items with an owner and a due day tracked to done, reminded the day before and
 * once when overdue (two workers racing tell the owner once); work plans drafted by their owner, approved by the
 * manager, and changes to an approved plan approved by leadership through the engine.
 */

interface Item {
  id: string;
  state: string;
  dueOn: string;
}

const CREATE = `mutation($in: CreateMeetingInput!) { createMeeting(input: $in) { id kind weekStart minutes } }`;
const ADD = `mutation($in: AddActionItemInput!) { addMeetingActionItem(input: $in) { id state dueOn } }`;
const DONE = `mutation($in: CompleteActionItemInput!) { completeMeetingActionItem(input: $in) { id state } }`;
const PLAN = `mutation($in: CreateWorkPlanInput!) { createWorkPlan(input: $in) { id state version period content } }`;
const PROPOSE = `mutation($in: ProposeWorkPlanChangeInput!) { proposeWorkPlanChange(input: $in) {
  id state approvalRequestId } }`;

describe('meetings and work plans', () => {
  const f = useFixture({
    workers: { count: 2, firstScan: 'performance.action-item-scan' },
    people: { leader: { branch: 'hq', role: 'LEADERSHIP', name: 'Leader' } },
  });
  const { ok, refused } = f;
  const today = todayIn('Asia/Shanghai');
  const scan = async () =>
    (await Promise.all(f.workers.map((w) => w.get(MeetingJobs).actionItemScan()))).reduce((n, r) => n + r.notices, 0);
  const notices = async (itemId: string) =>
    (
      await f.owner.query<{ kind: string }>(
        `SELECT kind FROM notifications WHERE subject_id = $1 ORDER BY created_at, kind`,
        [itemId],
      )
    ).rows.map((r) => r.kind);

  it('one weekly meeting per branch and week, with minutes; action items tracked to done', async () => {
    const heldOn = addDays(today, 7 * 10); // a week of its own in this file
    const m = await ok<{ createMeeting: { id: string; weekStart: string } }>('managerA', CREATE, {
      in: { kind: 'WEEKLY', title: 'Weekly', heldOn, lastWeekReport: 'Two contracts', thisWeekPlan: 'Visits' },
    });
    const again = await refused('managerA', CREATE, { in: { kind: 'WEEKLY', title: 'Twice', heldOn } });
    expect(again.code).toBe('CONFLICT');
    expect((await refused('repA', CREATE, { in: { kind: 'PROJECT', title: 'Mine', heldOn } })).code).toBe('FORBIDDEN');
    const id = m.createMeeting.id;
    await ok('managerA', `mutation($id: ID!) { updateMeeting(input: { id: $id, minutes: "Agreed" }) { id } }`, { id });
    const bad = await refused('managerA', ADD, {
      in: { meetingId: id, title: 'Call', ownerId: f.org.users.repB.id, dueOn: addDays(heldOn, 3) },
    });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['ownerId'] });
    const early = await refused('managerA', ADD, {
      in: { meetingId: id, title: 'Call', ownerId: f.org.users.repA.id, dueOn: addDays(heldOn, -1) },
    });
    expect(early).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['dueOn'] });
    const item = await ok<{ addMeetingActionItem: Item }>('managerA', ADD, {
      in: { meetingId: id, title: 'Call Orient', ownerId: f.org.users.repA.id, dueOn: addDays(heldOn, 3) },
    });
    expect((await refused('rep2A', DONE, { in: { id: item.addMeetingActionItem.id } })).code).toBe('FORBIDDEN');
    const done = await ok<{ completeMeetingActionItem: Item }>('repA', DONE, {
      in: { id: item.addMeetingActionItem.id, note: 'Called' },
    });
    expect(done.completeMeetingActionItem.state).toBe('DONE');
    const twice = await refused('repA', DONE, { in: { id: item.addMeetingActionItem.id } });
    expect(twice).toMatchObject({ code: 'INVALID_STATE' });
    expect(twice.message).toMatch(/DONE to DONE/);
    const read = await ok<{ meeting: { minutes: string; actionItems: Item[] } }>(
      'rep2A',
      `query($id: ID!) { meeting(id: $id) { minutes actionItems { id state dueOn } } }`,
      { id },
    );
    expect(read.meeting).toEqual({
      minutes: 'Agreed',
      actionItems: [{ id: item.addMeetingActionItem.id, state: 'DONE', dueOn: addDays(heldOn, 3) }],
    });
    expect((await refused('managerB', `query($id: ID!) { meeting(id: $id) { id } }`, { id })).code).toBe('NOT_FOUND');
  });

  it('the worker reminds the owner the day before the due day and once when overdue, also with two workers', async () => {
    const m = await ok<{ createMeeting: { id: string } }>('managerA', CREATE, {
      in: { kind: 'PROJECT', title: 'Tender prep', heldOn: today },
    });
    const item = await ok<{ addMeetingActionItem: Item }>('managerA', ADD, {
      in: { meetingId: m.createMeeting.id, title: 'Bid bond', ownerId: f.org.users.rep2A.id, dueOn: addDays(today, 1) },
    });
    const id = item.addMeetingActionItem.id;
    await scan();
    expect(await notices(id)).toEqual(['ACTION_ITEM_DUE']);
    await scan();
    expect(await notices(id)).toEqual(['ACTION_ITEM_DUE']);
    // The due day passes: as the owner, the item was due yesterday and its next notice is due now.
    await f.owner.query(`UPDATE meeting_action_items SET due_on = $2, next_notice_at = now() WHERE id = $1`, [
      id,
      addDays(today, -1),
    ]);
    await scan();
    await scan();
    expect(await notices(id)).toEqual(['ACTION_ITEM_DUE', 'ACTION_ITEM_OVERDUE']);
    const left = await f.owner.query(`SELECT next_notice_at, notice_stage FROM meeting_action_items WHERE id = $1`, [
      id,
    ]);
    expect(left.rows[0]).toEqual({ next_notice_at: null, notice_stage: 2 });
  });

  it('plans are drafted by their owner, approved by the manager; a change goes to leadership', async () => {
    const month = addDays(today, 400).slice(0, 7);
    const wrong = await refused('repA', PLAN, { in: { kind: 'WEEKLY', period: month, title: 'x', content: 'y' } });
    expect(wrong).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['period'] });
    const p = await ok<{ createWorkPlan: { id: string; state: string } }>('repA', PLAN, {
      in: { kind: 'MONTHLY', period: month, title: 'Month plan', content: 'Ten visits' },
    });
    const id = p.createWorkPlan.id;
    expect(
      (await refused('repA', PLAN, { in: { kind: 'MONTHLY', period: month, title: 'x', content: 'y' } })).code,
    ).toBe('CONFLICT');
    const early = await refused('repA', PROPOSE, { in: { planId: id, content: 'Twelve', reason: 'More' } });
    expect(early.code).toBe('INVALID_STATE');
    expect((await refused('rep2A', `query($id: ID!) { workPlan(id: $id) { id } }`, { id })).code).toBe('NOT_FOUND');
    expect((await refused('repA', `mutation($id: ID!) { approveWorkPlan(id: $id) { id } }`, { id })).code).toBe(
      'FORBIDDEN',
    );
    await ok('managerA', `mutation($id: ID!) { approveWorkPlan(id: $id) { id state } }`, { id });
    const edit = await refused(
      'repA',
      `mutation($id: ID!) { updateWorkPlan(input: { id: $id, content: "z" }) { id } }`,
      {
        id,
      },
    );
    expect(edit.code).toBe('INVALID_STATE');
    expect(edit.message).toMatch(/APPROVED.*DRAFT/);
    const change = await ok<{ proposeWorkPlanChange: { id: string; approvalRequestId: string } }>('repA', PROPOSE, {
      in: { planId: id, content: 'Twelve visits', reason: 'Two new leads' },
    });
    expect((await refused('repA', PROPOSE, { in: { planId: id, content: 'More', reason: 'x' } })).code).toBe(
      'CONFLICT',
    );
    const step = (
      await f.owner.query(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [
        change.proposeWorkPlanChange.approvalRequestId,
      ])
    ).rows[0].id as string;
    await ok('leader', `mutation($s: ID!) { approveStep(stepId: $s) { id } }`, { s: step });
    const after = await ok<{ workPlan: { content: string; version: number; state: string } }>(
      'managerA',
      `query($id: ID!) { workPlan(id: $id) { content version state } }`,
      { id },
    );
    expect(after.workPlan).toEqual({ content: 'Twelve visits', version: 2, state: 'APPROVED' });
    const changes = await ok<{ workPlanChanges: { state: string }[] }>(
      'repA',
      `query($id: ID!) { workPlanChanges(planId: $id) { state } }`,
      { id },
    );
    expect(changes.workPlanChanges).toEqual([{ state: 'APPROVED' }]);
  });
});
