// Excel exports of the field lists (platform/xlsx-export.ts streams them): work orders with the list's
// queue and ticket filter and its scope (an engineer his own open work). Values are words in the
// chosen language; times in the organisation's zone.
import type { TListWorkOrdersQuery, TWorkOrderListItem } from '../../../common/field-api.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Words, XlsxExport } from '../../platform/xlsx-export.ts';
import { ticketRefs } from '../tickets/index.ts';
import * as repo from './repository.ts';
import { listItems, workOrderFilter } from './service.ts';

const KINDS: Words = {
  'zh-CN': { repair: '维修', maintenance: '保养', inspection: '巡检', installation: '安装调试' },
  en: {
    repair: 'Repair',
    maintenance: 'Maintenance',
    inspection: 'Inspection',
    installation: 'Installation',
  },
};
const STATUSES: Words = {
  'zh-CN': {
    new: '待派工',
    assigned: '已派工',
    accepted: '已接单',
    travelling: '在途',
    on_site: '已到场',
    diagnosed: '已定位',
    repairing: '维修中',
    completed: '已完成',
    cancelled: '已取消',
  },
  en: {
    new: 'To dispatch',
    assigned: 'Assigned',
    accepted: 'Accepted',
    travelling: 'Travelling',
    on_site: 'On site',
    diagnosed: 'Diagnosed',
    repairing: 'Repairing',
    completed: 'Completed',
    cancelled: 'Cancelled',
  },
};

type WorkOrderLine = TWorkOrderListItem & { ticketNumber: string | null };

export function workOrderExport(
  ctx: Ctx,
  query: Omit<TListWorkOrdersQuery, 'limit'>,
): XlsxExport<WorkOrderLine> {
  const filter = workOrderFilter(ctx, query);
  return {
    name: 'work-orders',
    sheet: { zh: '派工单', en: 'Work orders' },
    columns: [
      { zh: '派工单号', en: 'Number', value: (w) => w.number },
      { zh: '工单号', en: 'Ticket', value: (w) => w.ticketNumber },
      { zh: '类型', en: 'Kind', value: (w, f) => f.word(KINDS, w.kind) },
      { zh: '状态', en: 'Status', value: (w, f) => f.word(STATUSES, w.status) },
      { zh: '紧急', en: 'Emergency', value: (w, f) => f.yesNo(w.emergency) },
      { zh: '客户', en: 'Customer', width: 24, value: (w) => w.customerName },
      { zh: '地址', en: 'Address', width: 30, value: (w) => w.address },
      { zh: '摘要', en: 'Summary', width: 40, value: (w) => w.summary },
      { zh: '工程师', en: 'Engineer', value: (w) => w.engineerName },
      { zh: '预约时间', en: 'Scheduled', value: (w, f) => f.dateTime(w.scheduledAt) },
      { zh: '到场期限', en: 'On-site deadline', value: (w, f) => f.dateTime(w.onSiteDueAt) },
      { zh: '创建时间', en: 'Created', value: (w, f) => f.dateTime(w.createdAt) },
      { zh: '完成时间', en: 'Completed', value: (w, f) => f.dateTime(w.completedAt) },
    ],
    page: async (after, size) => {
      const rows = await repo.pageWorkOrders(ctx.db, filter, after ? String(after.v) : null, size);
      const page = rows.slice(0, size);
      const [items, tickets] = await Promise.all([
        listItems(ctx, page),
        ticketRefs(
          ctx.db,
          page.flatMap((w) => (w.ticketId ? [w.ticketId] : [])),
        ),
      ]);
      const last = page.at(-1);
      return {
        rows: items.map((w) => ({
          ...w,
          ticketNumber: w.ticketId ? (tickets.get(w.ticketId)?.number ?? null) : null,
        })),
        next: rows.length > size && last ? { v: last.number, id: last.id } : null,
      };
    },
  };
}
