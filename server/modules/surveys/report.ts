// The satisfaction rate (篇1 五.4, ≥ 95%): satisfied answers / all answers — `isSatisfied` stored on each
// answer, summed here — per month, team, engineer, customer or product over a period in the
// organisation's zone; the answers behind each figure, and the same list as a streamed Excel file.
import { satisfactionPercent } from '../../../common/survey-rules.ts';
import type {
  TSurveyAnswerRow,
  TSurveyAnswersQuery,
  TSurveyDimension,
  TSurveyKind,
  TSurveyReport,
  TSurveyReportQuery,
} from '../../../common/surveys-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { decodeCursor, pageFrom } from '../../platform/pagination.ts';
import type { Words, XlsxExport } from '../../platform/xlsx-export.ts';
import { userNames } from '../accounts/index.ts';
import { customerFacts, productNamesOf } from '../registry/index.ts';
import * as repo from './repository.ts';
import { surveySettingsOf } from './settings.ts';

async function labelsOf(ctx: Ctx, by: TSurveyDimension, keys: string[]): Promise<Map<string, string>> {
  if (by === 'engineer') return userNames(ctx.db, keys);
  if (by === 'customer')
    return new Map([...(await customerFacts(ctx.db, keys))].map(([id, c]) => [id, c.name]));
  if (by === 'product') return productNamesOf(ctx.db, keys);
  return new Map(keys.map((k) => [k, k]));
}

export async function satisfactionReport(ctx: Ctx, q: TSurveyReportQuery): Promise<TSurveyReport> {
  const rows = await repo.reportRows(ctx.db, { ...q, timeZone: ctx.timeZone }, q.by);
  const labels = await labelsOf(
    ctx,
    q.by,
    rows.flatMap((r) => (r.key ? [r.key] : [])),
  );
  const settings = await surveySettingsOf(ctx.db);
  let answers = 0;
  let satisfied = 0;
  const out = rows.map((r) => {
    answers += r.answers;
    satisfied += r.satisfied;
    return {
      key: r.key,
      label: r.key ? (labels.get(r.key) ?? r.key) : '',
      answers: r.answers,
      satisfied: r.satisfied,
      ratePercent: satisfactionPercent(r.satisfied, r.answers),
    };
  });
  return {
    by: q.by,
    targetPercent: settings.get(q.kind ?? 'ticket')!.targetPercent,
    total: { key: null, label: '', answers, satisfied, ratePercent: satisfactionPercent(satisfied, answers) },
    rows: out,
  };
}

async function answerRowsOf(ctx: Ctx, rows: repo.InvitationRow[]): Promise<TSurveyAnswerRow[]> {
  const [customers, people, products] = await Promise.all([
    customerFacts(
      ctx.db,
      rows.map((r) => r.customerId),
    ),
    userNames(
      ctx.db,
      rows.flatMap((r) => (r.engineerId ? [r.engineerId] : [])),
    ),
    productNamesOf(
      ctx.db,
      rows.flatMap((r) => (r.productId ? [r.productId] : [])),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    customerName: customers.get(r.customerId)?.name ?? '',
    sourceNumber: r.sourceNumber,
    team: r.team,
    engineerName: r.engineerId ? (people.get(r.engineerId) ?? null) : null,
    productName: r.productId ? (products.get(r.productId) ?? null) : null,
    answeredAt: r.answeredAt!.toISOString(),
    channel: r.channel ?? 'link',
    responseStars: r.responseStars ?? 0,
    engineerStars: r.engineerStars ?? 0,
    resultStars: r.resultStars ?? 0,
    comment: r.comment ?? '',
    notSatisfied: r.notSatisfied ?? false,
    satisfied: r.satisfied ?? false,
    recoveryTicketId: r.recoveryTicketId,
    recoveryTicketNumber: r.recoveryTicketNumber,
  }));
}

function filterOf(ctx: Ctx, q: Omit<TSurveyAnswersQuery, 'limit' | 'cursor'>): repo.AnswerFilter {
  return {
    from: q.from,
    to: q.to,
    kind: q.kind,
    by: q.by,
    key: q.key,
    satisfied: q.satisfied === undefined ? undefined : q.satisfied === 'true',
    timeZone: ctx.timeZone,
  };
}

export async function listAnswers(ctx: Ctx, q: TSurveyAnswersQuery) {
  const after = decodeCursor(q.cursor);
  const rows = await repo.answerRows(
    ctx.db,
    filterOf(ctx, q),
    after ? { v: String(after.v), id: after.id } : null,
    q.limit + 1,
  );
  const page = pageFrom(rows, q.limit, (r) => ({ v: r.answeredAt!.toISOString(), id: r.id }));
  return { items: await answerRowsOf(ctx, page.items), nextCursor: page.nextCursor };
}

const KINDS: Words = {
  'zh-CN': { ticket: '服务请求', repair: '维修', maintenance: '维护保养', training: '培训' },
  en: { ticket: 'Service request', repair: 'Repair', maintenance: 'Maintenance visit', training: 'Training' },
};
const TEAMS: Words = {
  'zh-CN': {
    agent: '客服人员',
    support_engineer: '技术支持工程师',
    field_engineer: '维修工程师',
    manager: '售后服务经理',
    trainer: '培训讲师',
    quality_engineer: '质量工程师',
  },
  en: {
    agent: 'Call agent',
    support_engineer: 'Support engineer',
    field_engineer: 'Field engineer',
    manager: 'Service manager',
    trainer: 'Trainer',
    quality_engineer: 'Quality engineer',
  },
};

export function answersExport(
  ctx: Ctx,
  q: Omit<TSurveyAnswersQuery, 'limit' | 'cursor'>,
): XlsxExport<TSurveyAnswerRow> {
  const filter = filterOf(ctx, q);
  return {
    name: 'satisfaction-answers',
    sheet: { zh: '满意度调查', en: 'Satisfaction answers' },
    columns: [
      { zh: '回答时间', en: 'Answered', value: (r, f) => f.dateTime(r.answeredAt) },
      { zh: '类型', en: 'Kind', value: (r, f) => f.word(KINDS, r.kind) },
      { zh: '单号', en: 'Number', value: (r) => r.sourceNumber },
      { zh: '客户', en: 'Customer', width: 24, value: (r) => r.customerName },
      { zh: '处理组', en: 'Team', value: (r, f) => f.word(TEAMS, r.team) },
      { zh: '工程师', en: 'Engineer', value: (r) => r.engineerName },
      { zh: '产品', en: 'Product', width: 24, value: (r) => r.productName },
      { zh: '响应', en: 'Response', value: (r) => r.responseStars },
      { zh: '工程师评分', en: 'Engineer rating', value: (r) => r.engineerStars },
      { zh: '结果', en: 'Result', value: (r) => r.resultStars },
      { zh: '满意', en: 'Satisfied', value: (r, f) => f.yesNo(r.satisfied) },
      { zh: '意见', en: 'Comment', width: 40, value: (r) => r.comment },
      { zh: '服务补救工单', en: 'Recovery ticket', value: (r) => r.recoveryTicketNumber },
    ],
    page: async (after, size) => {
      const rows = await repo.answerRows(
        ctx.db,
        filter,
        after ? { v: String(after.v), id: after.id } : null,
        size + 1,
      );
      const page = rows.slice(0, size);
      const last = page.at(-1);
      return {
        rows: await answerRowsOf(ctx, page),
        next: rows.length > size && last ? { v: last.answeredAt!.toISOString(), id: last.id } : null,
      };
    },
  };
}

/** One source's survey (a training session's evaluation): asked or not, and the answer once given. */
export async function surveyOfSource(ctx: Ctx, kind: TSurveyKind, sourceId: string) {
  const r = await repo.findBySource(ctx.db, kind, sourceId);
  if (!r) return null;
  const customers = await customerFacts(ctx.db, [r.customerId]);
  return {
    status: r.status,
    customerName: customers.get(r.customerId)?.name ?? '',
    askedAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    answer: r.answeredAt
      ? {
          answeredAt: r.answeredAt.toISOString(),
          responseStars: r.responseStars ?? 0,
          engineerStars: r.engineerStars ?? 0,
          resultStars: r.resultStars ?? 0,
          comment: r.comment ?? '',
          notSatisfied: r.notSatisfied ?? false,
          satisfied: r.satisfied ?? false,
          recoveryTicketNumber: r.recoveryTicketNumber,
        }
      : null,
  };
}
