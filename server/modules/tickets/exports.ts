// Excel export of the ticket list (platform/xlsx-export.ts streams it): the same query as the list —
// queue, kind, status, customer, search, order — and the same scope (a customer its own organisation,
// a field engineer his own work), every page of it. Values are words in the chosen language.
import type { z } from 'zod';
import type { TTicket, ZTicketListQuery } from '../../../common/tickets-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { pageOfList, type Words, type XlsxExport } from '../../platform/xlsx-export.ts';
import { listTickets } from './ticket-view.ts';

const KINDS: Words = {
  'zh-CN': {
    consultation: '咨询',
    fault_report: '报修',
    complaint: '投诉',
    return_request: '退货',
    training_request: '培训申请',
    other: '其他',
  },
  en: {
    consultation: 'Consultation',
    fault_report: 'Fault report',
    complaint: 'Complaint',
    return_request: 'Return',
    training_request: 'Training request',
    other: 'Other',
  },
};
const STATUSES: Words = {
  'zh-CN': {
    new: '新建',
    assigned: '已分派',
    in_progress: '处理中',
    waiting_customer: '等待客户',
    resolved: '已解决',
    closed: '已关闭',
  },
  en: {
    new: 'New',
    assigned: 'Assigned',
    in_progress: 'In progress',
    waiting_customer: 'Waiting on customer',
    resolved: 'Resolved',
    closed: 'Closed',
  },
};
const PRIORITIES: Words = {
  'zh-CN': { low: '低', normal: '普通', high: '高', urgent: '紧急' },
  en: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
};
const CHANNELS: Words = {
  'zh-CN': { phone: '电话', email: '邮件', portal: '门户', chat: '在线客服', api: '接口' },
  en: { phone: 'Phone', email: 'Email', portal: 'Portal', chat: 'Chat', api: 'API' },
};
const TEAMS: Words = {
  'zh-CN': {
    admin: '管理员',
    manager: '售后服务经理',
    agent: '客服人员',
    support_engineer: '技术支持工程师',
    field_engineer: '维修工程师',
    trainer: '培训讲师',
    storekeeper: '备件管理员',
    quality_engineer: '质量工程师',
  },
  en: {
    admin: 'Administrator',
    manager: 'Service manager',
    agent: 'Call agent',
    support_engineer: 'Support engineer',
    field_engineer: 'Field engineer',
    trainer: 'Trainer',
    storekeeper: 'Storekeeper',
    quality_engineer: 'Quality engineer',
  },
};

export type TTicketExportQuery = Omit<z.infer<typeof ZTicketListQuery>, 'cursor' | 'limit'>;

export function ticketExport(ctx: Ctx, query: TTicketExportQuery): XlsxExport<TTicket> {
  return {
    name: 'tickets',
    sheet: { zh: '工单', en: 'Tickets' },
    columns: [
      { zh: '工单号', en: 'Number', value: (t) => t.number },
      { zh: '类型', en: 'Kind', value: (t, f) => f.word(KINDS, t.kind) },
      { zh: '状态', en: 'Status', value: (t, f) => f.word(STATUSES, t.status) },
      { zh: '优先级', en: 'Priority', value: (t, f) => f.word(PRIORITIES, t.priority) },
      { zh: '紧急', en: 'Emergency', value: (t, f) => f.yesNo(t.emergency) },
      { zh: '渠道', en: 'Channel', value: (t, f) => f.word(CHANNELS, t.channel) },
      { zh: '客户', en: 'Customer', width: 24, value: (t) => t.customerName },
      { zh: '主题', en: 'Subject', width: 40, value: (t) => t.subject },
      { zh: '处理组', en: 'Team', value: (t, f) => f.word(TEAMS, t.team) },
      { zh: '处理人', en: 'Assignee', value: (t) => t.assigneeName },
      { zh: '创建时间', en: 'Created', value: (t, f) => f.dateTime(t.createdAt) },
      { zh: '更新时间', en: 'Updated', value: (t, f) => f.dateTime(t.updatedAt) },
      { zh: 'SLA 期限', en: 'SLA due', value: (t, f) => f.dateTime(t.slaDueAt) },
      { zh: '已超时', en: 'Breached', value: (t, f) => f.yesNo(t.slaBreached) },
      { zh: '解决时间', en: 'Resolved', value: (t, f) => f.dateTime(t.resolvedAt) },
      { zh: '关闭时间', en: 'Closed', value: (t, f) => f.dateTime(t.closedAt) },
    ],
    page: (after, size) =>
      pageOfList((a) => listTickets(ctx, { ...query, limit: size }, a), after, decodeCursor),
  };
}
