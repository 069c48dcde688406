// Demo training (培训): a course on operating the lighting control system with a live lesson and a
// question bank, an on-site plan for the metro's project (2 working days, 6 operators) with its
// session and trainees, and the spring user class open for enrolment in the portal.
import { sql } from 'drizzle-orm';
import { toLocalDate } from '../../common/calendar-dates.ts';
import { permissionsOf } from '../../common/roles.ts';
import type { Db } from '../db/pool.ts';
import {
  addLesson,
  addQuestion,
  addTrainee,
  createCourse,
  createPlan,
  createSession,
} from '../modules/training/index.ts';
import type { Clock } from '../platform/clock.ts';
import { type Ctx, systemCtx } from '../platform/context.ts';

const DAY = 86_400_000;

export async function loadTrainingDemo(db: Db, clock: Clock, timeZone: string) {
  const { rows } = await db.execute<{ trainer: string | null; customer_id: string; project_id: string }>(
    sql`select (select id from users where username = 'trainer') as trainer, p.customer_id, p.id as project_id
        from projects p join customers c on c.id = p.customer_id
        where c.code = 'HZ-METRO' order by p.code limit 1`,
  );
  const site = rows[0];
  if (!site?.trainer) return;
  const base = systemCtx({ db, clock, timeZone }, 'demo');
  const ctx: Ctx = {
    ...base,
    principal: {
      ...base.principal,
      userId: site.trainer,
      roles: ['trainer'],
      permissions: permissionsOf(['trainer']),
      label: 'trainer',
      displayName: '陈老师 Chen (trainer)',
    },
  };
  const course = await createCourse(ctx, {
    title: '照明控制系统操作与日常维护',
    description: '系统操作、日常维护保养、常见故障排除',
    passMark: 60,
    examQuestions: 5,
    examMinutes: 30,
    certificateMonths: 24,
  });
  await addLesson(ctx, course.id, {
    title: '直播答疑：定时控制与场景设置',
    kind: 'live',
    fileId: null,
    liveUrl: 'https://meeting.example.com/aftercare-training',
    startsAt: new Date(clock.now().getTime() + 10 * DAY).toISOString(),
    durationMinutes: 60,
  });
  const statements: [string, number][] = [
    ['维护控制柜前必须先断开电源。', 1],
    ['应急照明可以长期不做放电测试。', 0],
    ['回路跳闸后应先排查短路或过载原因再合闸。', 1],
    ['定时开关的时间只能在现场修改。', 0],
    ['灯具清洁应在断电并冷却后进行。', 1],
    ['控制器报警可以直接屏蔽不处理。', 0],
    ['更换熔断器时应使用同规格的原厂备件。', 1],
    ['巡检记录不需要业主签字确认。', 0],
  ];
  for (const [text, right] of statements)
    await addQuestion(ctx, course.id, {
      kind: 'true_false',
      text,
      options: [],
      correct: [right],
      rubric: [],
      points: 1,
    });
  await addQuestion(ctx, course.id, {
    kind: 'single',
    text: '控制系统显示“通信故障”时，首先应检查：',
    options: ['网关电源和网线', '灯具功率', '业主合同'],
    correct: [0],
    rubric: [],
    points: 1,
  });
  const start = new Date(clock.now().getTime() + 7 * DAY);
  const plan = await createPlan(ctx, {
    customerId: site.customer_id,
    projectId: site.project_id,
    content: '交付后现场培训：系统操作、日常维护保养、常见故障排除',
    mode: 'on_site',
    startsOn: toLocalDate(start, timeZone),
    endsOn: toLocalDate(new Date(start.getTime() + DAY), timeZone),
    traineeCount: 6,
    courseIds: [course.id],
    trainerIds: [site.trainer],
  });
  const session = await createSession(ctx, {
    courseId: course.id,
    planId: plan.id,
    trainerId: site.trainer,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 8 * 3_600_000).toISOString(),
    venue: '地铁运营中心三楼培训室',
    isPublic: false,
    seatLimit: null,
  });
  const names = ['周明', '吴磊', '郑华', '冯涛', '陈静', '褚强'];
  for (const [i, name] of names.entries())
    await addTrainee(ctx, session.id, {
      name,
      phone: `1390000100${i}`,
      email: null,
      customerId: site.customer_id,
    });
  // 春季用户培训班: a public session customers enrol in from the portal.
  await createSession(ctx, {
    courseId: course.id,
    planId: null,
    trainerId: site.trainer,
    startsAt: new Date(clock.now().getTime() + 21 * DAY).toISOString(),
    endsAt: new Date(clock.now().getTime() + 21 * DAY + 6 * 3_600_000).toISOString(),
    venue: '公司培训中心',
    isPublic: true,
    seatLimit: 30,
  });
}
