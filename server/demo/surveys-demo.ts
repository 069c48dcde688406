// Demo satisfaction surveys (满意度, 篇1 五.4): five months of service requests closed by the support and
// field engineers of the three demo customers, each asked its survey minutes after closing and answered
// a few days later by link or in the portal — mostly four and five stars, a few low ones with the
// customer's comment, one so low that it opened a service-recovery ticket, which the manager closed
// the next morning after calling the customer back — and one survey asked and not answered yet (the
// Shenzhen park's portal shows it). The satisfaction report (last six months by default) has figures
// against the 95% target and the answers behind them. Times are relative to the demo clock, on local
// days of the organisation's zone; every answer is on a day before today.
import { addDays, type IsoDate, toLocalDate } from '../../common/calendar-dates.ts';
import type { TSurveyAnswerRequest } from '../../common/surveys-api.ts';
import type { Db } from '../db/pool.ts';
import { listActiveStaff } from '../modules/accounts/index.ts';
import { installedUnits, projectAssetIds } from '../modules/registry/index.ts';
import { type PastSurvey, recordPastSurveys } from '../modules/surveys/index.ts';
import { createTicket, getTicket, updateTicket } from '../modules/tickets/index.ts';
import type { Clock } from '../platform/clock.ts';
import { type Ctx, systemCtx } from '../platform/context.ts';

const MINUTE = 60_000;

/** The instant of `minutes` after midnight of the local `date` in `timeZone`. */
export function localInstant(date: IsoDate, minutes: number, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(guess));
  const part = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return new Date(guess - (wall - guess));
}

type Stars = [number, number, number];
interface DemoSurvey {
  /** Local days before today of the answer (the ticket closed three days before it), 6 to 132. */
  daysAgo: number;
  customer: string;
  kind: 'consultation' | 'other';
  subject: string;
  stars: Stars | null;
  comment?: string;
  notSatisfied?: boolean;
  channel?: 'link' | 'portal';
}

const CONSULT = 'consultation' as const;
const ONSITE = 'other' as const;

// Oldest last, within the report's default six months. A customer is asked every 18 days at most
// (the quiet period is a week).
const SURVEYS: DemoSurvey[] = [
  {
    daysAgo: 6,
    customer: 'SZ-PARK',
    kind: ONSITE,
    subject: '地下车库照明改造后现场调试',
    stars: null,
  },
  {
    daysAgo: 6,
    customer: 'HZ-METRO',
    kind: ONSITE,
    subject: 'B 出口应急照明切换测试',
    stars: [4, 2, 2],
    comment: '工程师第一次来没带备件，又跑了一趟，问题拖了三天才好。',
    channel: 'portal',
  },
  {
    daysAgo: 12,
    customer: 'CD-AIRPORT',
    kind: CONSULT,
    subject: '泛光灯控制器远程升级步骤',
    stars: [5, 5, 5],
    comment: '回复很及时，步骤清楚。',
  },
  { daysAgo: 18, customer: 'SZ-PARK', kind: CONSULT, subject: '节假日照明模式如何设置', stars: [5, 4, 5] },
  { daysAgo: 24, customer: 'HZ-METRO', kind: CONSULT, subject: '站厅照度检测报告的解读', stars: [4, 5, 4] },
  {
    daysAgo: 30,
    customer: 'CD-AIRPORT',
    kind: ONSITE,
    subject: '航站楼前路灯光控探头校准',
    stars: [3, 4, 4],
    comment: '响应比较慢，打了两次电话才有人回。',
    channel: 'portal',
  },
  { daysAgo: 36, customer: 'SZ-PARK', kind: ONSITE, subject: '园区道路灯杆倾斜复核', stars: [5, 5, 5] },
  { daysAgo: 42, customer: 'HZ-METRO', kind: CONSULT, subject: '备用灯具的存放要求', stars: [5, 5, 4] },
  {
    daysAgo: 48,
    customer: 'CD-AIRPORT',
    kind: CONSULT,
    subject: '控制器告警代码 E07 的含义',
    stars: [5, 5, 5],
    channel: 'portal',
  },
  {
    daysAgo: 54,
    customer: 'SZ-PARK',
    kind: ONSITE,
    subject: '广场景观灯定时器更换后调试',
    stars: [5, 5, 5],
    comment: '工程师很专业，顺便检查了其他回路。',
  },
  { daysAgo: 60, customer: 'HZ-METRO', kind: ONSITE, subject: '隧道照明亮度分段调整', stars: [4, 4, 5] },
  { daysAgo: 66, customer: 'CD-AIRPORT', kind: CONSULT, subject: '年度巡检计划的时间安排', stars: [5, 4, 4] },
  {
    daysAgo: 72,
    customer: 'SZ-PARK',
    kind: ONSITE,
    subject: '配电箱漏电保护器动作测试',
    stars: [4, 4, 3],
    comment: '测试后部分路灯色温和原来的不一致，希望统一。',
  },
  { daysAgo: 78, customer: 'HZ-METRO', kind: CONSULT, subject: '灯具质保范围的确认', stars: [5, 5, 5] },
  {
    daysAgo: 84,
    customer: 'CD-AIRPORT',
    kind: ONSITE,
    subject: '停车楼照明感应器灵敏度调整',
    stars: [5, 5, 5],
    channel: 'portal',
  },
  { daysAgo: 90, customer: 'SZ-PARK', kind: CONSULT, subject: '智能照明平台账号开通', stars: [4, 5, 5] },
  { daysAgo: 96, customer: 'HZ-METRO', kind: ONSITE, subject: '站台灯具安装支架加固', stars: [5, 5, 5] },
  { daysAgo: 102, customer: 'CD-AIRPORT', kind: CONSULT, subject: '节能改造方案的咨询', stars: [5, 5, 4] },
  { daysAgo: 108, customer: 'SZ-PARK', kind: ONSITE, subject: '东门泛光灯角度调整', stars: [5, 4, 5] },
  {
    daysAgo: 114,
    customer: 'HZ-METRO',
    kind: CONSULT,
    subject: '应急照明持续时间的规范要求',
    stars: [5, 5, 5],
    comment: '解答专业，附上了规范原文。',
  },
  { daysAgo: 120, customer: 'CD-AIRPORT', kind: ONSITE, subject: '跑道边灯巡检配合', stars: [4, 4, 4] },
  { daysAgo: 126, customer: 'SZ-PARK', kind: CONSULT, subject: '灯具清洁周期的建议', stars: [5, 5, 5] },
  { daysAgo: 132, customer: 'HZ-METRO', kind: ONSITE, subject: '换乘通道筒灯更换后调试', stars: [5, 5, 4] },
];

export async function loadSurveysDemo(
  db: Db,
  clock: Clock,
  timeZone: string,
  customerIds: Record<string, string>,
) {
  const at = (instant: Date): Ctx =>
    systemCtx({ db, clock: { now: () => new Date(instant) }, timeZone }, 'demo');
  const [support] = await listActiveStaff(db, 'support_engineer', 1);
  const [field] = await listActiveStaff(db, 'field_engineer', 1);
  const [manager] = await listActiveStaff(db, 'manager', 1);
  if (!support || !field) return;
  // A piece of each customer's equipment (its largest product group), so the report has products.
  const units = await installedUnits(db);
  const equipment = new Map<string, { projectId: string; assetIds: string[] }>();
  for (const [code, id] of Object.entries(customerIds)) {
    const group = units
      .filter((u) => u.customerId === id && u.projectId)
      .sort((a, b) => b.units - a.units || a.projectId!.localeCompare(b.projectId!))[0];
    if (group?.projectId)
      equipment.set(code, {
        projectId: group.projectId,
        assetIds: await projectAssetIds(db, group.projectId),
      });
  }
  const today = toLocalDate(clock.now(), timeZone);
  const past: PastSurvey[] = [];
  for (const [i, s] of SURVEYS.entries()) {
    const customerId = customerIds[s.customer];
    if (!customerId) continue;
    const answerDay = addDays(today, -s.daysAgo);
    const opened = localInstant(addDays(answerDay, -4), 9 * 60 + 20 + i, timeZone);
    const closed = localInstant(addDays(answerDay, -3), 16 * 60 + 5 * i, timeZone);
    const engineer = s.kind === CONSULT ? support : field;
    const place = equipment.get(s.customer);
    // Equipment of the customer, a different unit each time (closed: no scan or quality demo joins it).
    const assetId = place?.assetIds.length ? place.assetIds[(i * 3) % place.assetIds.length]! : null;
    const ticket = await createTicket(at(opened), {
      kind: s.kind,
      customerId,
      projectId: place?.projectId ?? null,
      channel: i % 2 ? 'phone' : 'email',
      priority: 'normal',
      emergency: false,
      complexity: 'general',
      subject: s.subject,
      description: `${s.subject}，请安排工程师处理。`,
      assetIds: assetId ? [assetId] : [],
      attachmentIds: [],
    });
    const taken = await updateTicket(at(new Date(opened.getTime() + 20 * MINUTE)), ticket.id, {
      version: ticket.version,
      team: s.kind === CONSULT ? 'support_engineer' : 'field_engineer',
      assigneeId: engineer.id,
      status: 'in_progress',
    });
    // Solved in the afternoon, closed once the customer confirmed.
    const solved = await updateTicket(at(new Date(closed.getTime() - 60 * MINUTE)), ticket.id, {
      version: taken.version,
      status: 'resolved',
    });
    await updateTicket(at(closed), ticket.id, { version: solved.version, status: 'closed' });
    const asked = new Date(closed.getTime() + 10 * MINUTE);
    const answer: TSurveyAnswerRequest | null = s.stars
      ? {
          responseStars: s.stars[0],
          engineerStars: s.stars[1],
          resultStars: s.stars[2],
          comment: s.comment ?? '',
          notSatisfied: s.notSatisfied ?? false,
        }
      : null;
    past.push({
      kind: 'ticket',
      sourceId: ticket.id,
      askedAt: asked,
      ...(answer
        ? {
            answer: {
              at: localInstant(answerDay, 10 * 60 + 7 * i, timeZone),
              channel: s.channel ?? 'link',
              input: answer,
            },
          }
        : {}),
    });
  }
  // Asked in the order it happened (oldest first), as the poller would have.
  past.sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime());
  const recorded = await recordPastSurveys(systemCtx({ db, clock, timeZone }, 'demo'), past);
  // The manager called the customer back the next morning and closed the recovery ticket.
  for (const [i, r] of recorded.entries()) {
    if (!r?.recoveryTicketId) continue;
    const answeredAt = past[i]!.answer!.at;
    const morning = localInstant(addDays(toLocalDate(answeredAt, timeZone), 1), 9 * 60 + 30, timeZone);
    const ticket = await getTicket(at(morning), r.recoveryTicketId);
    const taken = await updateTicket(at(morning), ticket.id, {
      version: ticket.version,
      ...(manager ? { assigneeId: manager.id } : {}),
      status: 'resolved',
    });
    const later = new Date(morning.getTime() + 30 * MINUTE);
    await updateTicket(at(later), ticket.id, { version: taken.version, status: 'closed' });
  }
}
