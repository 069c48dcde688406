// The customer is told of each step of a return by email (篇3 5), in Chinese and English, to the
// customer's contact address. Plain text only: what the customer or staff typed (the reason, the
// opinion) is carried as text and never as markup, so it cannot become a link or a script.
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { customerFacts } from '../registry/index.ts';
import type { ReturnRow } from './repository.ts';

export type ReturnNotice =
  | 'requested'
  | 'inspected'
  | 'training'
  | 'refused'
  | 'approved'
  | 'rejected'
  | 'received';

const OUTCOME = {
  zh: { refund: '退款', exchange: '换货', repair: '维修' },
  en: { refund: 'a refund', exchange: 'an exchange', repair: 'a repair' },
} as const;

/** Subject and body of a notice, both languages in one message (the customer's language is not known). */
export function returnNoticeText(r: ReturnRow, notice: ReturnNotice) {
  const head = `${r.number} · ${r.productName} ${r.serial}`;
  const zh: Record<ReturnNotice, [string, string]> = {
    requested: ['退货申请已受理', `我们已收到您的退货申请，将尽快安排检查。\n退货原因：${r.reason}`],
    inspected: [
      '退货检查完成',
      `产品已检查完毕，退货单已提交上级管理层审批。\n检查意见：${r.inspection?.opinion ?? ''}`,
    ],
    training: [
      '我们将为您提供免费培训',
      `检查认为产品可以正常使用，我们将为您安排一次免费培训，退货申请随之结束。\n检查意见：${r.inspection?.opinion ?? ''}`,
    ],
    refused: [
      '退货申请未获受理',
      `检查发现人为损坏，不在退货范围内。\n检查意见：${r.inspection?.opinion ?? ''}`,
    ],
    approved: [
      '退货已批准',
      `您的退货已批准，处理方式：${r.outcome ? OUTCOME.zh[r.outcome] : ''}。${r.decisionReason ? `\n说明：${r.decisionReason}` : ''}`,
    ],
    rejected: ['退货未获批准', `您的退货申请未获批准。\n原因：${r.decisionReason ?? ''}`],
    received: ['退货产品已入库', '退回的产品已由我公司仓库接收，退货办理完毕。'],
  };
  const en: Record<ReturnNotice, [string, string]> = {
    requested: [
      'Return request received',
      `We have received your return request and will inspect the product soon.\nReason: ${r.reason}`,
    ],
    inspected: [
      'Return inspected',
      `The product has been inspected and the return form goes to management for approval.\nOpinion: ${r.inspection?.opinion ?? ''}`,
    ],
    training: [
      'A free training for you',
      `The inspection found the product in working order; we will arrange a free training, which closes the return request.\nOpinion: ${r.inspection?.opinion ?? ''}`,
    ],
    refused: [
      'Return not accepted',
      `The inspection found human damage, which returns do not cover.\nOpinion: ${r.inspection?.opinion ?? ''}`,
    ],
    approved: [
      'Return approved',
      `Your return is approved with ${r.outcome ? OUTCOME.en[r.outcome] : ''}.${r.decisionReason ? `\nNote: ${r.decisionReason}` : ''}`,
    ],
    rejected: ['Return rejected', `Your return request was not approved.\nReason: ${r.decisionReason ?? ''}`],
    received: [
      'Returned unit received',
      'Our warehouse has received the returned unit; the return is complete.',
    ],
  };
  return {
    subject: `${zh[notice][0]} / ${en[notice][0]} — ${r.number}`,
    text: `${head}\n\n${zh[notice][1]}\n\n—\n\n${en[notice][1]}\n`,
  };
}

export async function tellCustomer(tx: Executor, ctx: Ctx, r: ReturnRow, notice: ReturnNotice) {
  const email = (await customerFacts(tx, [r.customerId])).get(r.customerId)?.contactEmail;
  if (!email) return;
  const { subject, text } = returnNoticeText(r, notice);
  await enqueueMessage(
    tx,
    {
      channel: 'email',
      recipient: email,
      template: `returns.${notice}`,
      payload: { returnId: r.id, number: r.number, status: r.status, subject, text },
      dedupeKey: `returns.${notice}:${r.id}:${r.version}`,
    },
    ctx.clock.now(),
  );
}
