// The demo dataset: a service company with staff in every role, three customer organisations
// with their portal users. Loaded on first start (skip with --no-demo) or by `aftercare demo`.
import { count } from 'drizzle-orm';
import pg from 'pg';
import type { TStaffRole } from '../../common/roles.ts';
import type { Db } from '../db/pool.ts';
import { users } from '../db/schema.ts';
import { createUser } from '../modules/accounts/index.ts';
import { createCustomer } from '../modules/registry/index.ts';
import { ensureSlaDefaults } from '../modules/sla/index.ts';
import type { Clock } from '../platform/clock.ts';
import { systemCtx } from '../platform/context.ts';
import { loadComplaintsDemo } from './complaints-demo.ts';
import { loadFollowUpsDemo } from './followups-demo.ts';
import { loadKnowledgeDemo } from './knowledge-demo.ts';
import { loadLabelsDemo } from './labels-demo.ts';
import { loadMaintenanceDemo } from './maintenance-demo.ts';
import { loadPartsDemo } from './parts-demo.ts';
import { loadQualityDemo } from './quality-demo.ts';
import { loadRegistryDemo } from './registry-demo.ts';
import { loadReturnsDemo } from './returns-demo.ts';
import { loadSurveysDemo } from './surveys-demo.ts';
import { loadTicketsDemo } from './tickets-demo.ts';
import { loadTrainingDemo } from './training-demo.ts';

const DEMO_PASSWORD = 'aftercare-demo';

const STAFF: { username: string; displayName: string; role: TStaffRole }[] = [
  { username: 'admin', displayName: '系统管理员 Admin', role: 'admin' },
  { username: 'manager', displayName: '王经理 Wang (service manager)', role: 'manager' },
  { username: 'agent', displayName: '李客服 Li (agent)', role: 'agent' },
  { username: 'support', displayName: '张工 Zhang (support engineer)', role: 'support_engineer' },
  { username: 'field', displayName: '刘工 Liu (field engineer)', role: 'field_engineer' },
  { username: 'trainer', displayName: '陈老师 Chen (trainer)', role: 'trainer' },
  { username: 'storekeeper', displayName: '赵库管 Zhao (storekeeper)', role: 'storekeeper' },
  { username: 'quality', displayName: '孙工 Sun (quality engineer)', role: 'quality_engineer' },
];

const CUSTOMERS = [
  {
    code: 'HZ-METRO',
    name: '杭州地铁集团有限公司',
    contactName: '周主任',
    contactPhone: '0571-88001234',
    contactEmail: 'zhou@hzmetro.example',
    address: '浙江省杭州市上城区',
    portalUser: 'hzmetro',
  },
  {
    code: 'SZ-PARK',
    name: '深圳湾科技园物业',
    contactName: '吴经理',
    contactPhone: '0755-26001234',
    contactEmail: 'wu@szpark.example',
    address: '广东省深圳市南山区',
    portalUser: 'szpark',
  },
  {
    code: 'CD-AIRPORT',
    name: '成都天府国际机场',
    contactName: '郑工',
    contactPhone: '028-85001234',
    contactEmail: 'zheng@cdairport.example',
    address: '四川省成都市简阳市',
    portalUser: 'cdairport',
  },
];

export interface DemoLogin {
  username: string;
  role: string;
  password: string;
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

// 7_246_001 is the migrations', 7_246_002 the SLA defaults' lock.
const DEMO_LOCK = 7_246_003;

/**
 * Loads the demo into an empty database, once however many instances start together: they queue on an
 * advisory lock held on a connection of its own (not one the loader needs), and those after the first
 * find the data loaded (null).
 */
export async function loadDemoIfEmpty(db: Db, clock: Clock, timeZone: string): Promise<DemoLogin[] | null> {
  const lock = new pg.Client({ connectionString: db.$client.options.connectionString });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [DEMO_LOCK]);
    if (!(await isDatabaseEmpty(db))) return null;
    return await loadDemoData(db, clock, timeZone);
  } finally {
    await lock.end().catch(() => {});
  }
}

export async function loadDemoData(db: Db, clock: Clock, timeZone: string): Promise<DemoLogin[]> {
  const ctx = systemCtx({ db, clock, timeZone }, 'demo');
  const logins: DemoLogin[] = [];
  for (const s of STAFF) {
    await createUser(ctx, {
      kind: 'staff',
      username: s.username,
      displayName: s.displayName,
      roles: [s.role],
      locale: 'zh-CN',
      password: DEMO_PASSWORD,
    });
    logins.push({ username: s.username, role: s.role, password: DEMO_PASSWORD });
  }
  const customerIds: Record<string, string> = {};
  for (const c of CUSTOMERS) {
    const { portalUser, ...fields } = c;
    const customer = await createCustomer(ctx, fields);
    customerIds[c.code] = customer.id;
    await createUser(ctx, {
      kind: 'customer',
      username: portalUser,
      displayName: `${c.contactName}（${c.name}）`,
      email: c.contactEmail,
      roles: ['customer_admin'],
      customerId: customer.id,
      locale: 'zh-CN',
      password: DEMO_PASSWORD,
    });
    logins.push({ username: portalUser, role: `customer (${c.name})`, password: DEMO_PASSWORD });
  }
  await loadRegistryDemo(db, clock, timeZone, customerIds);
  await loadLabelsDemo(db, clock, timeZone);
  await ensureSlaDefaults(db, timeZone);
  await loadTicketsDemo(db, clock, timeZone, customerIds);
  await loadPartsDemo(db, clock, timeZone);
  await loadMaintenanceDemo(db, clock, timeZone);
  await loadReturnsDemo(db, clock, timeZone);
  await loadComplaintsDemo(db, clock, timeZone, customerIds);
  await loadQualityDemo(db, clock, timeZone);
  await loadKnowledgeDemo(db, clock, timeZone);
  await loadTrainingDemo(db, clock, timeZone);
  await loadFollowUpsDemo(db, clock, timeZone);
  await loadSurveysDemo(db, clock, timeZone, customerIds);
  return logins;
}

export function demoLogins(): DemoLogin[] {
  return [
    ...STAFF.map((s) => ({ username: s.username, role: s.role, password: DEMO_PASSWORD })),
    ...CUSTOMERS.map((c) => ({
      username: c.portalUser,
      role: `customer (${c.name})`,
      password: DEMO_PASSWORD,
    })),
  ];
}
