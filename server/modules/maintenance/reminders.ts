// The reminder before a visit (seed: tell the customer contact 3 days before, a setting): each day the
// visits due within `reminderDays` that were not yet announced are emailed to the site's contact, once
// per visit and date (remindedAt; a visit moved to another date is announced again). The query reads
// the partial index of unreminded visits by due date: work in proportion to what is due.
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { workOrderStates } from '../field/index.ts';
import { maintenanceAssetFacts, siteContacts } from '../registry/index.ts';
import { settingsOf } from './service.ts';
import * as repo from './visits-repository.ts';

const BATCH = 500;
const KIND_TEXT = {
  planned: ['定期维护保养', 'planned maintenance'],
  special: ['特殊巡查', 'special inspection'],
  campaign: ['专项巡检', 'inspection'],
} as const;

export async function sendVisitReminders(ctx: Ctx): Promise<{ visits: number; messages: number }> {
  const settings = await settingsOf(ctx.db);
  if (settings.reminderDays <= 0) return { visits: 0, messages: 0 };
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  const until = addDays(today, settings.reminderDays);
  let visits = 0;
  let messages = 0;
  for (;;) {
    const done = await ctx.db.transaction(async (tx) => {
      const due = await repo.visitsToRemind(tx, today, until, BATCH);
      if (!due.length) return true;
      const [states, contacts] = await Promise.all([
        workOrderStates(
          tx,
          due.map((v) => v.workOrderId),
        ),
        siteContacts(
          tx,
          due.map((v) => v.projectId),
        ),
      ]);
      const facts = await maintenanceAssetFacts(
        tx,
        [...states.values()].flatMap((s) => s.assetIds),
      );
      const now = ctx.clock.now();
      for (const v of due) {
        const state = states.get(v.workOrderId);
        const contact = contacts.get(v.projectId);
        // Cancelled or finished visits, and sites without an address, are marked and passed over.
        if (!state || state.status === 'cancelled' || state.status === 'completed' || !contact?.email)
          continue;
        const [zh, en] = KIND_TEXT[v.kind];
        const serials = state.assetIds.map((id) => facts.get(id)?.serial ?? '').filter(Boolean);
        const list = serials.slice(0, 20).join(', ') + (serials.length > 20 ? ' …' : '');
        await enqueueMessage(
          tx,
          {
            channel: 'email',
            recipient: contact.email,
            template: 'maintenance.visit-reminder',
            payload: {
              visitId: v.id,
              dueOn: v.dueOn,
              projectName: contact.projectName,
              workOrderNumber: state.number,
              subject: `${v.dueOn} ${zh}提醒 / Reminder: ${en} on ${v.dueOn} · ${contact.projectName}`,
              text: [
                `${contact.name ?? ''} 您好：`,
                `我们将于 ${v.dueOn} 到 ${contact.projectName} 进行${zh}（${state.number}）。设备：${list}`,
                '如需改期，请在客户门户中提出。',
                '',
                `Dear ${contact.name ?? 'customer'},`,
                `We will come to ${contact.projectName} on ${v.dueOn} for ${en} (${state.number}). Equipment: ${list}`,
                'To ask for another date, use the customer portal.',
              ].join('\n'),
            },
            dedupeKey: `maintenance.visit-reminder:${v.id}:${v.dueOn}`,
          },
          now,
        );
        messages++;
      }
      await repo.markReminded(
        tx,
        due.map((v) => v.id),
        now,
      );
      visits += due.length;
      return due.length < BATCH;
    });
    if (done) break;
  }
  return { visits, messages };
}
