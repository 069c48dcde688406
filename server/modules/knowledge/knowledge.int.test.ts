// The knowledge base over HTTP: Chinese search by two characters, title before body, aliases, what a
// customer sees (public, published), script stored inert, revisions and the 409 of a stale save, the
// review workflow and its permission, suggestions, deflections, helpful votes and the unhelpful list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  type TestApp,
  testPng,
} from '../../../test/helpers.ts';
import { uploadFile } from '../../../test/uploads.ts';
import { systemClock } from '../../platform/clock.ts';

let t: TestApp;
let manager: Session;
let agent: Session;
let portal: Session;
let portal2: Session;

beforeAll(async () => {
  t = await createTestApp();
  manager = (await loginAs(t, { role: 'manager' })).session;
  agent = (await loginAs(t, { role: 'agent' })).session;
  const customer = await buildCustomer(t.db);
  portal = (await loginAs(t, { customerId: customer.id })).session;
  portal2 = (await loginAs(t, { customerId: customer.id })).session;
});
afterAll(() => t.close());

const tag = () => Math.random().toString(36).slice(2, 7);

async function write(body: Record<string, unknown>, by = agent) {
  const res = await by.request('POST', '/api/v1/knowledge/articles', { kind: 'troubleshooting', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Writes, submits and publishes an article. */
async function published(body: Record<string, unknown>) {
  const a = await write({ visibility: 'public', ...body });
  const s = await agent.request('POST', `/api/v1/knowledge/articles/${a.id}/submit`, { version: a.version });
  expect(s.statusCode, s.body).toBe(200);
  const p = await manager.request('POST', `/api/v1/knowledge/articles/${a.id}/publish`, {
    version: s.json().version,
  });
  expect(p.statusCode, p.body).toBe(200);
  return p.json();
}

const search = async (who: Session, q: string, extra = '') => {
  const res = await who.request('GET', `/api/v1/knowledge/articles?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; titleZh: string }[];
};

describe('search in Chinese', () => {
  it('finds an article by a query of two Chinese characters, and of three', async () => {
    const k = tag();
    const a = await published({ titleZh: `水泵机组渗漏处理 ${k}`, bodyZh: '检查机械密封，更换 O 形圈。' });
    expect((await search(portal, '渗漏')).map((r) => r.id)).toContain(a.id);
    expect((await search(portal, '机械密')).map((r) => r.id)).toContain(a.id);
    expect((await search(portal, `漏处理 ${k}`)).map((r) => r.id)).toEqual([a.id]);
  });

  it('ranks an article with the words in its title before one with them in its body', async () => {
    const k = tag();
    const inBody = await published({
      titleZh: `控制柜日常保养 ${k}`,
      bodyZh: `雷击${k}后先断电检查浪涌保护器。`,
    });
    const inTitle = await published({ titleZh: `雷击${k}后的处理`, bodyZh: '断电，检查浪涌保护器和接地。' });
    const ids = (await search(manager, `雷击${k}`)).map((r) => r.id);
    expect(ids).toEqual([inTitle.id, inBody.id]);
    // the body match is newer, yet the title match stays first
    expect(new Date(inBody.updatedAt) <= new Date(inTitle.updatedAt)).toBe(true);
  });

  it('widens a query by an alias of the product category', async () => {
    const k = tag();
    const category = `水泵${k}`;
    const a = await published({ titleZh: `变频器报过流故障 ${k}`, bodyZh: '降低加速时间。', category });
    expect(await search(manager, `VFD${k}`, `&category=${encodeURIComponent(category)}`)).toEqual([]);
    const alias = await manager.request('POST', '/api/v1/knowledge/aliases', {
      category,
      alias: `VFD${k}`,
      term: '变频器',
    });
    expect(alias.statusCode, alias.body).toBe(201);
    const ids = (await search(manager, `VFD${k}`, `&category=${encodeURIComponent(category)}`)).map(
      (r) => r.id,
    );
    expect(ids).toContain(a.id);
    // an alias of another category does not apply
    const other = await search(manager, `VFD${k}`, `&category=${encodeURIComponent(`空调${k}`)}`);
    expect(other.map((r) => r.id)).not.toContain(a.id);
  });
});

describe('visibility', () => {
  it('shows a customer public, published articles only; staff see internal ones and drafts', async () => {
    const k = tag();
    const pub = await published({ titleZh: `照明回路跳闸 ${k}` });
    const internal = await published({ titleZh: `照明回路跳闸内部说明 ${k}`, visibility: 'internal' });
    const draft = await write({ titleZh: `照明回路跳闸草稿 ${k}`, visibility: 'public' });
    const customerIds = (await search(portal, `跳闸`)).map((r) => r.id);
    expect(customerIds).toContain(pub.id);
    expect(customerIds).not.toContain(internal.id);
    expect(customerIds).not.toContain(draft.id);
    const staffIds = (await search(agent, `跳闸`)).map((r) => r.id);
    expect(staffIds).toEqual(expect.arrayContaining([pub.id, internal.id, draft.id]));
    expect((await portal.request('GET', `/api/v1/knowledge/articles/${internal.id}`)).statusCode).toBe(404);
    expect((await portal.request('GET', `/api/v1/knowledge/articles/${draft.id}`)).statusCode).toBe(404);
    expect((await portal.request('GET', `/api/v1/knowledge/articles/${pub.id}`)).statusCode).toBe(200);
    const list = await portal.request('GET', '/api/v1/knowledge/articles?status=draft');
    expect(list.json().items.map((r: { id: string }) => r.id)).not.toContain(draft.id);
  });

  it('refuses writing to a customer', async () => {
    const res = await portal.request('POST', '/api/v1/knowledge/articles', {
      kind: 'operation',
      titleZh: '客户写的',
      bodyZh: '',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('Markdown', () => {
  it('returns script and HTML in an article inert, keeping the Markdown it knows', async () => {
    const a = await write({
      titleZh: '含脚本的文章',
      bodyZh: '**注意** <script>alert(1)</script> <img src=x onerror=alert(2)> [链接](javascript:alert(3))',
    });
    const got = (await agent.request('GET', `/api/v1/knowledge/articles/${a.id}`)).json();
    expect(got.bodyZh).toContain('<script>');
    expect(got.htmlZh).toContain('<strong>注意</strong>');
    expect(got.htmlZh).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(got.htmlZh).not.toMatch(/<script|<img|href="javascript/i);
  });

  it('shows an attached image to a customer through the article', async () => {
    const up = await uploadFile(t, agent, 'pump.png', testPng(4, 4, [0, 128, 255]));
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id;
    const a = await published({
      titleZh: '泵房布置图',
      bodyZh: `![泵房](file:${fileId})`,
      attachmentIds: [fileId],
    });
    const got = (await portal.request('GET', `/api/v1/knowledge/articles/${a.id}`)).json();
    const src = `/api/v1/knowledge/articles/${a.id}/files/${fileId}`;
    expect(got.htmlZh).toContain(`<img src="${src}"`);
    expect(got.attachments).toEqual([
      { id: fileId, name: 'pump.png', contentType: expect.any(String), url: src },
    ]);
    const img = await portal.request('GET', src);
    expect(img.statusCode).toBe(200);
    expect(img.rawPayload.length).toBeGreaterThan(0);
    // not through another article, nor a file it does not carry
    const other = await published({ titleZh: '另一篇' });
    expect(
      (await portal.request('GET', `/api/v1/knowledge/articles/${other.id}/files/${fileId}`)).statusCode,
    ).toBe(404);
  });
});

describe('revisions and review', () => {
  it('keeps every save as a revision and answers 409 to a stale save', async () => {
    const a = await write({ titleZh: '配电箱巡检要点', bodyZh: '第一版' });
    const s1 = await agent.request('PATCH', `/api/v1/knowledge/articles/${a.id}`, {
      bodyZh: '第二版',
      version: a.version,
    });
    expect(s1.statusCode, s1.body).toBe(200);
    expect(s1.json().revision).toBe(2);
    const stale = await manager.request('PATCH', `/api/v1/knowledge/articles/${a.id}`, {
      bodyZh: '并发修改',
      version: a.version,
    });
    expect(stale.statusCode).toBe(409);
    const revs = (await agent.request('GET', `/api/v1/knowledge/articles/${a.id}/revisions`)).json();
    expect(revs.map((r: { revision: number; bodyZh: string }) => [r.revision, r.bodyZh])).toEqual([
      [2, '第二版'],
      [1, '第一版'],
    ]);
    const bad = await agent.request('PATCH', `/api/v1/knowledge/articles/${a.id}`, {
      titleZh: '',
      version: 2,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('titleZh');
  });

  it('publishes only through review, by a reviewer; a changed published article goes back to draft', async () => {
    const a = await write({ titleZh: '冷却塔风机异响', visibility: 'public' });
    const early = await manager.request('POST', `/api/v1/knowledge/articles/${a.id}/publish`, {
      version: a.version,
    });
    expect(early.statusCode).toBe(409);
    const sub = (
      await agent.request('POST', `/api/v1/knowledge/articles/${a.id}/submit`, { version: a.version })
    ).json();
    expect(sub.status).toBe('in_review');
    const byAgent = await agent.request('POST', `/api/v1/knowledge/articles/${a.id}/publish`, {
      version: sub.version,
    });
    expect(byAgent.statusCode).toBe(403);
    const rej = await manager.request('POST', `/api/v1/knowledge/articles/${a.id}/reject`, {
      version: sub.version,
      note: '补充步骤',
    });
    expect(rej.json()).toMatchObject({ status: 'draft', reviewNote: '补充步骤' });
    const sub2 = (
      await agent.request('POST', `/api/v1/knowledge/articles/${a.id}/submit`, {
        version: rej.json().version,
      })
    ).json();
    const pub = (
      await manager.request('POST', `/api/v1/knowledge/articles/${a.id}/publish`, { version: sub2.version })
    ).json();
    expect(pub.status).toBe('published');
    expect(pub.publishedAt).not.toBeNull();
    const edited = (
      await agent.request('PATCH', `/api/v1/knowledge/articles/${a.id}`, {
        bodyZh: '改了',
        version: pub.version,
      })
    ).json();
    expect(edited.status).toBe('draft');
    expect((await portal.request('GET', `/api/v1/knowledge/articles/${a.id}`)).statusCode).toBe(404);
  });
});

describe('suggestions and feedback', () => {
  it('suggests published articles for the words of a fault report and counts a deflection', async () => {
    const k = tag();
    const a = await published({ titleZh: `空压机${k}排气温度过高`, bodyZh: '清洗冷却器，检查油位。' });
    const res = await portal.request(
      'GET',
      `/api/v1/knowledge/suggestions?text=${encodeURIComponent(`我们的空压机${k}今天排气温度很高，报警停机了`)}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()[0].id).toBe(a.id);
    const d = await portal.request('POST', `/api/v1/knowledge/articles/${a.id}/deflections`, {
      text: '排气温度高',
    });
    expect(d.statusCode).toBe(204);
  });

  it('counts helpful votes, one per reader, and lists the articles that do not help', async () => {
    const a = await published({ titleZh: `不太有用的文章 ${tag()}` });
    const url = `/api/v1/knowledge/articles/${a.id}/helpful`;
    expect((await portal.request('POST', url, { helpful: true })).json()).toEqual({
      helpfulYes: 1,
      helpfulNo: 0,
    });
    // the same reader changes their mind: still one vote
    expect((await portal.request('POST', url, { helpful: false, comment: '步骤不全' })).json()).toEqual({
      helpfulYes: 0,
      helpfulNo: 1,
    });
    await portal2.request('POST', url, { helpful: false, comment: '看不懂' });
    await agent.request('POST', url, { helpful: true });
    const list = await manager.request('GET', '/api/v1/knowledge/unhelpful?minVotes=3&minRatio=0.6');
    expect(list.statusCode).toBe(200);
    const row = list.json().find((r: { id: string }) => r.id === a.id);
    expect(row).toMatchObject({ helpfulYes: 1, helpfulNo: 2 });
    expect(row.unhelpfulRatio).toBeCloseTo(2 / 3);
    expect(row.lastComments).toEqual(expect.arrayContaining(['步骤不全', '看不懂']));
    expect((await agent.request('GET', '/api/v1/knowledge/unhelpful')).statusCode).toBe(403);
  });
});

describe('demo data', () => {
  it('loads the demo articles, found by the words and synonyms customers use', async () => {
    const { loadKnowledgeDemo } = await import('../../demo/knowledge-demo.ts');
    await loadKnowledgeDemo(t.db, systemClock, t.config.defaultTimeZone);
    const titles = (await search(portal, '冷机')).map((r) => r.titleZh);
    expect(titles).toContain('螺杆式冷水机组高压报警停机');
    expect((await search(portal, '漏水')).map((r) => r.titleZh)).toContain('水泵机械密封漏水的处理');
    // staff-only and unreviewed demo articles stay out of the portal
    expect((await search(portal, '雷击')).map((r) => r.titleZh)).not.toContain(
      '雷击后配电和路灯设备检查清单（内部）',
    );
    expect((await search(portal, '进水')).map((r) => r.titleZh)).not.toContain('路灯灯头进水起雾的处理');
  });
});
