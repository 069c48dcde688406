// The returns list as an Excel workbook (platform/xlsx-export.ts): the list's own query and scope,
// streamed page by page after the keyset key.
import type { TReturn, TReturnListQuery } from '../../../common/returns-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { pageOfList, type Words, type XlsxExport } from '../../platform/xlsx-export.ts';
import { listReturns } from './service.ts';

const STATUS_WORDS: Words = {
  'zh-CN': {
    requested: '待检查',
    awaiting_approval: '待审批',
    approved: '已批准',
    completed: '已完成',
    refused: '不予受理',
    training: '改为培训',
    rejected: '未批准',
  },
  en: {
    requested: 'To inspect',
    awaiting_approval: 'Awaiting approval',
    approved: 'Approved',
    completed: 'Completed',
    refused: 'Refused',
    training: 'Training instead',
    rejected: 'Rejected',
  },
};
const OUTCOME_WORDS: Words = {
  'zh-CN': { refund: '退款', exchange: '换货', repair: '维修' },
  en: { refund: 'Refund', exchange: 'Exchange', repair: 'Repair' },
};

export function returnsExport(ctx: Ctx, q: Omit<TReturnListQuery, 'cursor' | 'limit'>): XlsxExport<TReturn> {
  return {
    name: 'returns',
    sheet: { zh: '退货', en: 'Returns' },
    columns: [
      { zh: '退货单号', en: 'RMA number', value: (r) => r.number },
      { zh: '状态', en: 'Status', value: (r, f) => f.word(STATUS_WORDS, r.status) },
      { zh: '客户', en: 'Customer', width: 28, value: (r) => r.customerName },
      { zh: '项目', en: 'Project', width: 24, value: (r) => r.projectName },
      { zh: '产品', en: 'Product', width: 24, value: (r) => `${r.productName} (${r.productModel})` },
      { zh: '序列号', en: 'Serial', value: (r) => r.serial },
      { zh: '退货原因', en: 'Reason', width: 40, value: (r) => r.reason },
      { zh: '申请时间', en: 'Requested at', value: (r, f) => f.dateTime(r.createdAt) },
      { zh: '退货期限', en: 'Return until', value: (r, f) => f.date(r.deadline) },
      { zh: '超期特批', en: 'Accepted late', value: (r, f) => f.yesNo(!!r.overrideReason) },
      { zh: '处理方式', en: 'Outcome', value: (r, f) => f.word(OUTCOME_WORDS, r.outcome) },
      { zh: '审批时间', en: 'Decided at', value: (r, f) => f.dateTime(r.decidedAt) },
    ],
    page: (after, size) =>
      pageOfList(
        (a) => listReturns(ctx, { ...q, limit: size, cursor: a ? encodeCursor(a) : undefined }),
        after,
        decodeCursor,
      ),
  };
}
