// Emails to the complainant (篇1 六): the apology with the expected answer time, the handling plan with
// its timeline, progress on it, and the feedback question; the decision on a suggestion. Plain text in
// the complainant's language: what the customer wrote is quoted as text, never markup.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { enqueueMessage } from '../../platform/outbox.ts';

const pad = (n: number) => String(n).padStart(2, '0');
export function localTime(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const h = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const m = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${toLocalDate(at, timeZone)} ${pad(Number(h))}:${m}`;
}

/** One line of customer text: no line breaks in a subject, a bounded quote in the body. */
const quote = (s: string, max = 500) => (s.length > max ? `${s.slice(0, max)}…` : s);

export interface MailFacts {
  id: string;
  number: string;
  complainantName: string;
  contactEmail: string | null;
  language: 'zh-CN' | 'en';
  matter: string;
}

async function send(ctx: Ctx, tx: Executor, c: MailFacts, template: string, key: string, zh: Mail, en: Mail) {
  if (!c.contactEmail) return false;
  const mail = c.language === 'en' ? en : zh;
  await enqueueMessage(
    tx,
    {
      channel: 'email',
      recipient: c.contactEmail,
      template,
      payload: { complaintId: c.id, number: c.number, subject: mail.subject, text: mail.text },
      dedupeKey: `${template}:${c.id}:${key}`,
    },
    ctx.clock.now(),
  );
  return true;
}
interface Mail {
  subject: string;
  text: string;
}

export function sendApology(ctx: Ctx, tx: Executor, c: MailFacts, expectedAnswerAt: Date) {
  const when = localTime(expectedAnswerAt, ctx.timeZone);
  return send(
    ctx,
    tx,
    c,
    'complaints.accepted',
    'accepted',
    {
      subject: `您的投诉已受理（${c.number}）`,
      text: [
        `${c.complainantName} 您好：`,
        '',
        `对于给您带来的不便，我们深表歉意。您的投诉已受理，编号 ${c.number}。`,
        `投诉内容：${quote(c.matter)}`,
        `我们将在 ${when} 前给您答复。`,
        '',
        '您可以在客户门户中查看处理进度。',
      ].join('\n'),
    },
    {
      subject: `Your complaint has been received (${c.number})`,
      text: [
        `Dear ${c.complainantName},`,
        '',
        `We are sorry for the trouble this has caused you. Your complaint is registered as ${c.number}.`,
        `Your complaint: ${quote(c.matter)}`,
        `We will answer you by ${when}.`,
        '',
        'You can follow its progress in the customer portal.',
      ].join('\n'),
    },
  );
}

export function sendPlan(
  ctx: Ctx,
  tx: Executor,
  c: MailFacts,
  round: number,
  immediate: boolean,
  solution: string,
  milestones: readonly { title: string; dueOn: string }[],
) {
  const lines = milestones.map((m) => `  · ${m.dueOn}  ${m.title}`);
  return send(
    ctx,
    tx,
    c,
    'complaints.handled',
    `handled:${round}`,
    {
      subject: immediate ? `您的投诉已处理（${c.number}）` : `您的投诉处理计划（${c.number}）`,
      text: [
        `${c.complainantName} 您好：`,
        '',
        immediate ? `您的投诉 ${c.number} 已处理：` : `关于您的投诉 ${c.number}，我们的处理方案如下：`,
        quote(solution, 2000),
        ...(lines.length ? ['', '时间安排：', ...lines] : []),
        '',
        '我们会在处理后回访您，了解您是否满意；您也可以在客户门户中回答。',
      ].join('\n'),
    },
    {
      subject: immediate
        ? `Your complaint has been handled (${c.number})`
        : `Our plan for your complaint (${c.number})`,
      text: [
        `Dear ${c.complainantName},`,
        '',
        immediate
          ? `Your complaint ${c.number} has been handled:`
          : `Our plan for your complaint ${c.number}:`,
        quote(solution, 2000),
        ...(lines.length ? ['', 'Timeline:', ...lines] : []),
        '',
        'We will ask you afterwards whether you are satisfied; you can also answer in the customer portal.',
      ].join('\n'),
    },
  );
}

export function sendProgress(ctx: Ctx, tx: Executor, c: MailFacts, eventKey: string, note: string) {
  return send(
    ctx,
    tx,
    c,
    'complaints.progress',
    eventKey,
    {
      subject: `投诉处理进展（${c.number}）`,
      text: [`${c.complainantName} 您好：`, '', `您的投诉 ${c.number} 有新进展：`, quote(note, 2000)].join(
        '\n',
      ),
    },
    {
      subject: `Progress on your complaint (${c.number})`,
      text: [`Dear ${c.complainantName},`, '', `News on your complaint ${c.number}:`, quote(note, 2000)].join(
        '\n',
      ),
    },
  );
}

export function sendFeedbackQuestion(ctx: Ctx, tx: Executor, c: MailFacts, round: number) {
  return send(
    ctx,
    tx,
    c,
    'complaints.feedback',
    `feedback:${round}`,
    {
      subject: `您对投诉处理是否满意？（${c.number}）`,
      text: [
        `${c.complainantName} 您好：`,
        '',
        `您的投诉 ${c.number} 已处理。请问您对处理结果是否满意？`,
        '请在客户门户的“我的投诉”中回答，或直接回复客服人员的回访电话。',
      ].join('\n'),
    },
    {
      subject: `Are you satisfied with how we handled your complaint? (${c.number})`,
      text: [
        `Dear ${c.complainantName},`,
        '',
        `Your complaint ${c.number} has been handled. Are you satisfied with the result?`,
        'Please answer under "My complaints" in the customer portal, or when our agent calls you.',
      ].join('\n'),
    },
  );
}

export function sendSuggestionDecision(
  ctx: Ctx,
  tx: Executor,
  s: { id: string; number: string; title: string; contactEmail: string | null; language: 'zh-CN' | 'en' },
  planned: boolean,
  reason: string | null,
) {
  return send(
    ctx,
    tx,
    { ...s, complainantName: '', matter: s.title },
    'complaints.suggestion-decided',
    'decided',
    {
      subject: `关于您的建议（${s.number}）`,
      text: [
        '您好：',
        '',
        `感谢您的建议“${quote(s.title, 200)}”（${s.number}）。`,
        planned ? '我们已将其纳入服务改进计划，并会跟踪改进效果。' : '经评估，我们暂不采纳此建议。',
        ...(reason ? [`说明：${quote(reason, 2000)}`] : []),
      ].join('\n'),
    },
    {
      subject: `About your suggestion (${s.number})`,
      text: [
        'Hello,',
        '',
        `Thank you for your suggestion "${quote(s.title, 200)}" (${s.number}).`,
        planned
          ? 'It is now part of our service improvement plan, and we will follow its effect.'
          : 'After evaluating it we have decided not to take it up for now.',
        ...(reason ? [`Reason: ${quote(reason, 2000)}`] : []),
      ].join('\n'),
    },
  );
}
