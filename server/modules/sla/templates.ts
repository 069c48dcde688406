// Texts of SLA notifications (email, SMS; the in-app bell renders its own), in zh-CN and en.
// Ticket subjects are written by customers: plain text here, and emails are sent as text.
import { TZDate } from '@date-fns/tz';

export const METRIC_LABELS: Record<string, { zh: string; en: string }> = {
  first_response: { zh: '首次响应', en: 'First response' },
  handling_opinion: { zh: '答复/处理意见', en: 'Answer or handling opinion' },
  handed_over: { zh: '转交技术支持', en: 'Handed to support engineer' },
  initial_diagnosis: { zh: '初步诊断', en: 'Initial diagnosis' },
  remote_fix: { zh: '远程排除', en: 'Remote fix' },
  on_site: { zh: '到达现场', en: 'On site' },
  onsite_diagnosis: { zh: '现场定位与方案', en: 'On-site diagnosis and plan' },
  service_restored: { zh: '恢复服务', en: 'Service restored' },
  permanent_fix: { zh: '彻底修复', en: 'Permanent fix' },
  answered: { zh: '解答', en: 'Answered' },
  complaint_handled: { zh: '投诉处理', en: 'Complaint handled' },
  follow_up: { zh: '回访', en: 'Follow-up' },
};

function localTime(iso: string | null, timeZone: string) {
  if (!iso) return '—';
  const d = new TZDate(new Date(iso).getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export type SlaTemplate = 'sla.warning' | 'sla.breached' | 'sla.escalation';

/** One message for one ticket and level; `metrics` are the targets that reached it (earliest first). */
export function renderNotification(
  template: SlaTemplate,
  locale: string,
  p: {
    number: string;
    subject: string;
    metrics: readonly string[];
    dueAt: string | null;
    offsetMinutes: number;
    timeZone: string;
  },
): { subject: string; text: string } {
  const zh = !locale.startsWith('en');
  const label = p.metrics.map((m) => METRIC_LABELS[m]?.[zh ? 'zh' : 'en'] ?? m).join(zh ? '、' : ', ');
  const due = localTime(p.dueAt, p.timeZone);
  const mins = Math.abs(p.offsetMinutes);
  if (template === 'sla.warning') {
    return zh
      ? {
          subject: `[${p.number}] 即将超时：${label}`,
          text: `工单 ${p.number}「${p.subject}」的${label}将于 ${due} 到期（还剩约 ${mins} 分钟）。`,
        }
      : {
          subject: `[${p.number}] Due soon: ${label}`,
          text: `${label} for ticket ${p.number} "${p.subject}" is due at ${due} (about ${mins} min left).`,
        };
  }
  if (template === 'sla.breached') {
    return zh
      ? {
          subject: `[${p.number}] 已超时：${label}`,
          text: `工单 ${p.number}「${p.subject}」的${label}已于 ${due} 超时。`,
        }
      : {
          subject: `[${p.number}] Breached: ${label}`,
          text: `${label} for ticket ${p.number} "${p.subject}" was due at ${due} and is breached.`,
        };
  }
  return zh
    ? {
        subject: `[${p.number}] 升级：${label} 超时 ${mins} 分钟`,
        text: `工单 ${p.number}「${p.subject}」的${label}已超时 ${mins} 分钟（期限 ${due}），请介入处理。`,
      }
    : {
        subject: `[${p.number}] Escalated: ${label} ${mins} min overdue`,
        text: `${label} for ticket ${p.number} "${p.subject}" is ${mins} min past its deadline (${due}). Please step in.`,
      };
}
