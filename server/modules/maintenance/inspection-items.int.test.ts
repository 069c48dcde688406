// Special inspections and campaign inspections carry a checklist (issue 16): each asset gets the template
// its category and size class match, else the shipped special-inspection checklist; the engineer
// answers it on the phone, the customer signs, the service centre reviews — and plan generation never
// touches those items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
  testPng,
} from '../../../test/helpers.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import { storeFile } from '../files/index.ts';
import { SPECIAL_INSPECTION_CHECKLIST } from './inspection-items.ts';

// Tuesday 1 December 2026, 10:00 in Asia/Shanghai.
const T0 = new Date('2026-12-01T02:00:00Z');
const clock = new ManualClock(T0);
let t: TestApp;
let manager: Session;
let agent: Session;
let engineer: Session;
let engineerId: string;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  manager = (await loginAs(t, { role: 'manager' })).session;
  agent = (await loginAs(t, { role: 'agent' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const ago = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000).toISOString();
const SIGNATURE = `data:image/png;base64,${testPng(120, 40, [20, 20, 20]).toString('base64')}`;

interface Item {
  id: string;
  assetId: string;
  templateName: string;
  checklist: { key: string; kind: string; required: boolean; answer: unknown }[];
}

/** A site with a lamp of a category that has a template and a cabinet of one that has none. */
async function site(region = `R-${uid()}`) {
  const customer = await buildCustomer(t.db);
  const project = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: customer.id,
      code: `P-${uid()}`,
      name: `广场 ${uid()}`,
      region,
    })
  ).json() as { id: string };
  const lampCategory = `lighting-${uid().toLowerCase()}`;
  const product = async (category: string, sizeClass: string) =>
    (
      await manager.request('POST', '/api/v1/products', {
        model: `M-${uid()}`,
        name: '设备',
        category,
        sizeClass,
      })
    ).json() as { id: string };
  const lampProduct = await product(lampCategory, 'small');
  const cabinetProduct = await product(`cabinet-${uid().toLowerCase()}`, 'large');
  const asset = async (productId: string) =>
    (
      await manager.request('POST', '/api/v1/assets', {
        projectId: project.id,
        productId,
        serial: `S-${uid()}`,
      })
    ).json() as { id: string };
  const lamp = await asset(lampProduct.id);
  const cabinet = await asset(cabinetProduct.id);
  const template = (
    await manager.request('POST', '/api/v1/maintenance/templates', {
      name: `灯具保养 ${uid()}`,
      cycle: 'routine',
      category: lampCategory,
      sizeClass: 'small',
      checklist: [
        { key: 'clean', label: '清洁灯具', kind: 'check' },
        { key: 'insulation', label: '绝缘电阻', kind: 'measurement', unit: 'MΩ', min: 20 },
      ],
    })
  ).json() as { id: string; name: string };
  // A template of the same category for large equipment only: it does not apply to the small lamp.
  await manager.request('POST', '/api/v1/maintenance/templates', {
    name: `大型设备 ${uid()}`,
    cycle: 'overhaul',
    category: lampCategory,
    sizeClass: 'large',
    checklist: [{ key: 'overhaul', label: '大修', kind: 'check' }],
  });
  return { customer, project, lamp, cabinet, template, region };
}

async function dispatch(workOrderId: string) {
  const wo = (await agent.request('GET', `/api/v1/work-orders/${workOrderId}`)).json();
  const res = await agent.request('PATCH', `/api/v1/work-orders/${workOrderId}`, {
    version: wo.version,
    engineerId,
  });
  expect(res.statusCode, res.body).toBe(200);
}

const answer = (itemId: string, key: string, fields: Record<string, unknown>) => ({
  visitItemId: itemId,
  key,
  clientEventId: `ev-${uid()}-${uid()}`,
  answeredAt: ago(5),
  result: null,
  value: null,
  text: null,
  note: null,
  photoIds: [],
  ...fields,
});

/** Every required entry answered: checks pass, measurements in range, notes written. */
function answersFor(items: Item[]) {
  return items.flatMap((i) =>
    i.checklist
      .filter((c) => c.required)
      .map((c) =>
        answer(
          i.id,
          c.key,
          c.kind === 'check'
            ? { result: 'pass' }
            : c.kind === 'measurement'
              ? { value: 50 }
              : c.kind === 'note'
                ? { text: '未见异常' }
                : { value: 1 },
        ),
      ),
  );
}

describe('the checklist of a special inspection (特殊巡查)', () => {
  it('gives each asset its matching template (else the special one), answered on the phone, signed, reviewed; generation leaves it alone', async () => {
    clock.set(T0);
    const s = await site();
    const ticket = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: s.customer.id,
        projectId: s.project.id,
        assetIds: [s.lamp.id, s.cabinet.id],
        subject: '灯具闪烁，配电柜异响',
        description: '暴雨后异常',
      })
    ).json();
    const made = await agent.request('POST', '/api/v1/maintenance/special-inspections', {
      ticketId: ticket.id,
      dueOn: '2026-12-03',
    });
    expect(made.statusCode, made.body).toBe(201);
    const { workOrderId, visitId } = made.json();

    const read = await agent.request('GET', `/api/v1/maintenance/work-orders/${workOrderId}/checklist`);
    expect(read.statusCode, read.body).toBe(200);
    const items = read.json().items as Item[];
    expect(items).toHaveLength(2);
    const lampItem = items.find((i) => i.assetId === s.lamp.id)!;
    const cabinetItem = items.find((i) => i.assetId === s.cabinet.id)!;
    expect(lampItem.templateName).toBe(s.template.name);
    expect(lampItem.checklist.map((c) => c.key)).toEqual(['clean', 'insulation']);
    // No template for the cabinet's category: the shipped special-inspection checklist.
    expect(cabinetItem.templateName).toContain('特殊巡查');
    expect(cabinetItem.checklist.map((c) => c.key)).toEqual(SPECIAL_INSPECTION_CHECKLIST.map((c) => c.key));

    // A plan at the same project, generated: the inspection's items stay where they are.
    const plan = await manager.request('POST', '/api/v1/maintenance/plans', {
      projectId: s.project.id,
      name: '月度保养',
      assetIds: [s.lamp.id],
      templateIds: [s.template.id],
      startsOn: '2026-12-01',
      mode: 'fixed',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const generated = await manager.request('POST', `/api/v1/maintenance/plans/${plan.json().id}/generate`);
    expect(generated.statusCode, generated.body).toBe(200);
    expect(generated.json()).toMatchObject({ itemsRemoved: 0, visitsCancelled: 0 });
    // Still new (not dispatched), the inspection's items are not the generator's to take off.
    await dispatch(workOrderId);
    const again = (
      await engineer.request('GET', `/api/v1/maintenance/work-orders/${workOrderId}/checklist`)
    ).json();
    expect(again.items.map((i: Item) => i.id).sort()).toEqual(items.map((i) => i.id).sort());

    // A required entry unanswered: no signature.
    const early = await engineer.request('POST', `/api/v1/maintenance/visits/${visitId}/sign`, {
      signedBy: '业主 王工',
      signature: SIGNATURE,
      at: ago(1),
    });
    expect(early.statusCode).toBe(422);

    // A hidden danger on the cabinet (a failed check with its note and photo) becomes a suggestion.
    const photo = await storeFile(
      systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test'),
      new LocalBlobStore(t.blobDir),
      { name: 'wiring.png', data: testPng(40, 30, [200, 50, 50]), customerId: s.customer.id },
    );
    const answers = answersFor(items).map((a) =>
      a.visitItemId === cabinetItem.id && a.key === 'wiring'
        ? { ...a, result: 'fail', note: '端子松动发热', photoIds: [photo.id] }
        : a,
    );
    const saved = await engineer.request('POST', `/api/v1/maintenance/visits/${visitId}/answers`, {
      answers,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().suggestions).toMatchObject([{ assetId: s.cabinet.id, itemKey: 'wiring' }]);

    const signed = await engineer.request('POST', `/api/v1/maintenance/visits/${visitId}/sign`, {
      signedBy: '业主 王工',
      signature: SIGNATURE,
      at: ago(1),
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signedBy: '业主 王工' });
    const wo = (await agent.request('GET', `/api/v1/work-orders/${workOrderId}`)).json();
    expect(wo.status).toBe('completed');
    const approved = await manager.request('POST', `/api/v1/maintenance/records/${visitId}/approve`, {
      version: signed.json().version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
  });
});

describe('the checklist of a campaign inspection', () => {
  it('puts every selected asset of each site on its visit with its template; a danger found is a finding on the board', async () => {
    clock.set(T0);
    const region = `华东-${uid()}`;
    const a = await site(region);
    const b = await site(region);
    const made = await manager.request('POST', '/api/v1/maintenance/campaigns', {
      name: '春节前巡检',
      occasion: 'holiday',
      reason: '春节前全面巡检',
      deadline: '2026-12-20',
      selection: { regions: [region] },
    });
    expect(made.statusCode, made.body).toBe(201);
    const campaign = made.json();
    expect(campaign.visits).toHaveLength(2);
    for (const s of [a, b]) {
      const v = campaign.visits.find((x: { projectId: string }) => x.projectId === s.project.id);
      const list = (await manager.request('GET', `/api/v1/maintenance/visits/${v.visitId}/checklist`)).json();
      expect(list.items.map((i: Item) => i.assetId).sort()).toEqual([s.lamp.id, s.cabinet.id].sort());
      expect(list.items.find((i: Item) => i.assetId === s.lamp.id).templateName).toBe(s.template.name);
    }
    const aVisit = campaign.visits.find((x: { projectId: string }) => x.projectId === a.project.id);
    await dispatch(aVisit.workOrderId);
    const list = (
      await engineer.request('GET', `/api/v1/maintenance/visits/${aVisit.visitId}/checklist`)
    ).json();
    const lampItem = (list.items as Item[]).find((i) => i.assetId === a.lamp.id)!;
    const photo = await storeFile(
      systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test'),
      new LocalBlobStore(t.blobDir),
      { name: 'damp.png', data: testPng(40, 30, [200, 50, 50]), customerId: a.customer.id },
    );
    const saved = await engineer.request('POST', `/api/v1/maintenance/visits/${aVisit.visitId}/answers`, {
      answers: [answer(lampItem.id, 'insulation', { value: 3, note: '受潮', photoIds: [photo.id] })],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const board = (await manager.request('GET', `/api/v1/maintenance/campaigns/${campaign.id}`)).json();
    expect(board.counts).toMatchObject({ planned: 2, findings: 1 });
    expect(board.visits.find((x: { projectId: string }) => x.projectId === a.project.id).finding).toBe(true);
  });
});
