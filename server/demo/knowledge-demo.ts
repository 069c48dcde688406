// Demo knowledge base (知识库): a dozen articles about the demo's equipment — solar street lights, LED
// heads and drivers, NB-IoT single-lamp controllers, the screw chiller, air handling units, variable
// speed chilled-water pumps and low-voltage panels — most published for customers, two for staff only,
// one waiting for review; and the synonyms customers use for them.
import { sql } from 'drizzle-orm';
import type { TArticleKind } from '../../common/knowledge-api.ts';
import { permissionsOf } from '../../common/roles.ts';
import type { Db } from '../db/pool.ts';
import { createAlias, createArticle, reviewStep } from '../modules/knowledge/index.ts';
import type { Clock } from '../platform/clock.ts';
import { type Ctx, systemCtx } from '../platform/context.ts';

interface DemoArticle {
  kind: TArticleKind;
  category: string;
  faultClass: string | null;
  visibility: 'public' | 'internal';
  state: 'published' | 'in_review';
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
}

const A = (a: DemoArticle) => a;

const ARTICLES: DemoArticle[] = [
  A({
    kind: 'troubleshooting',
    category: 'lighting',
    faultClass: '灯不亮',
    visibility: 'public',
    state: 'published',
    titleZh: '太阳能路灯夜间不亮的排查步骤',
    titleEn: 'Solar street light does not come on at night',
    bodyZh: `## 先看现象
- 整杆不亮：多为蓄电池亏电或控制器保护。
- 亮一会儿就灭：蓄电池容量衰减，或连续阴雨。

## 排查步骤
1. 清洁光伏板表面的灰尘和鸟粪，检查是否被树木遮挡。
2. 查看控制器指示灯：**红灯常亮**表示蓄电池欠压保护，晴天充电 1～2 天后自动恢复。
3. 用万用表测蓄电池电压，12V 系统低于 10.8V 需要更换蓄电池。
4. 检查灯头接线端子是否松动、进水。

> 连续三天晴天后仍不亮，请报修，我们安排工程师上门。`,
    bodyEn: `## What you see
- The whole pole is dark: usually a flat battery or the controller's protection.
- It lights briefly then goes out: the battery has lost capacity, or there were days of rain.

## Steps
1. Clean dust and droppings off the solar panel; check that trees do not shade it.
2. Look at the controller's lamp: **steady red** means low-battery protection; it recovers after 1–2 sunny days.
3. Measure the battery: below 10.8 V on a 12 V system it must be replaced.
4. Check the lamp head's terminals for loose wires or water.

> Still dark after three sunny days? Report a fault and an engineer will come.`,
  }),
  A({
    kind: 'troubleshooting',
    category: 'lighting',
    faultClass: '闪烁',
    visibility: 'public',
    state: 'published',
    titleZh: 'LED 灯头闪烁或频闪的常见原因',
    titleEn: 'LED lamp head flickers',
    bodyZh: `LED 灯头闪烁通常与驱动电源有关。

1. 驱动电源输出电流不稳：更换同型号驱动电源（LED-DRV-150）。
2. 输入电压过低：夜间用电高峰电压低于 180V 时会闪烁，请联系供电部门。
3. 接线端子氧化：断电后清理端子，重新压接。
4. 单灯控制器调光指令异常：在平台上把调光比例恢复为 100% 后观察。`,
    bodyEn: `A flickering LED head is usually its driver.

1. Unstable driver output: replace the driver with the same model (LED-DRV-150).
2. Low supply voltage: below 180 V at the evening peak the lamp flickers; call the utility.
3. Oxidised terminals: with the power off, clean and re-crimp them.
4. A wrong dimming command from the single-lamp controller: set dimming back to 100% and watch.`,
  }),
  A({
    kind: 'troubleshooting',
    category: 'lighting',
    faultClass: '通信故障',
    visibility: 'public',
    state: 'published',
    titleZh: '单灯控制器离线（NB-IoT 无信号）怎么办',
    titleEn: 'Single-lamp controller offline (no NB-IoT signal)',
    bodyZh: `平台显示单灯控制器**离线**时：

- 确认该灯杆有电：控制器断电也会显示离线。
- 查看控制器上的信号灯：慢闪表示正在注网，熄灭表示 SIM 卡或天线故障。
- 同一路段多台同时离线，多为运营商基站维护，一般 2 小时内恢复。
- 单台长时间离线，请报修并注明灯杆编号。`,
    bodyEn: `When the platform shows a single-lamp controller **offline**:

- Make sure the pole has power: an unpowered controller is offline too.
- Look at its signal lamp: slow blinking means it is registering; dark means a SIM card or antenna fault.
- Several offline on one road at once: usually the operator's base station; it recovers within 2 hours.
- One offline for long: report a fault with the pole number.`,
  }),
  A({
    kind: 'troubleshooting',
    category: 'power',
    faultClass: '跳闸',
    visibility: 'public',
    state: 'published',
    titleZh: '照明回路跳闸后如何安全复位',
    titleEn: 'Resetting a tripped lighting circuit safely',
    bodyZh: `照明回路断路器跳闸后，**不要反复强行合闸**。

1. 先断开该回路下的全部负载开关。
2. 检查有无明显的烧焦气味、进水或电缆破损。
3. 合上断路器，再逐个合上负载开关，哪一路合上就跳闸，故障就在哪一路。
4. 漏电保护动作（试验按钮弹出）多为电缆绝缘下降，雨后常见，请报修。`,
    bodyEn: `When a lighting circuit breaker trips, **do not force it on again and again**.

1. Switch off every load switch on the circuit.
2. Look and smell for burning, water or damaged cable.
3. Close the breaker, then each load switch in turn: the one that trips it is the faulty branch.
4. A residual-current trip (test button out) usually means cable insulation failing, common after rain; report a fault.`,
  }),
  A({
    kind: 'maintenance',
    category: 'power',
    faultClass: null,
    visibility: 'public',
    state: 'published',
    titleZh: '低压配电柜季度巡检要点',
    titleEn: 'Quarterly inspection of low-voltage panels',
    bodyZh: `- 柜内清洁，无灰尘积聚和小动物进入痕迹。
- 母排和接线端子用红外测温，温升超过 40K 需停电紧固。
- 断路器分合闸试验，漏电保护按试验按钮检查。
- 仪表读数与实际负荷核对，三相不平衡超过 20% 需调整负荷。
- 柜门密封条、接地线完好。`,
    bodyEn: `- Clean inside; no dust build-up or signs of small animals.
- Check busbars and terminals with an infrared thermometer; a rise above 40 K needs tightening with the power off.
- Operate each breaker; press the test button of residual-current devices.
- Compare meters with the real load; more than 20% imbalance between phases needs rebalancing.
- Door seals and earth connections intact.`,
  }),
  A({
    kind: 'troubleshooting',
    category: 'hvac',
    faultClass: '高压报警',
    visibility: 'public',
    state: 'published',
    titleZh: '螺杆式冷水机组高压报警停机',
    titleEn: 'Screw chiller stops on high-pressure alarm',
    bodyZh: `冷水机组（CH-500RT）报**冷凝压力过高**时：

1. 确认冷却塔风机运行、冷却水泵运行，冷却水阀门全开。
2. 冷却水进水温度高于 32℃ 时，检查冷却塔布水和填料。
3. 冷凝器结垢会使压力升高：查看趋近温度，超过 3℃ 需要清洗冷凝器铜管。
4. 复位报警前确认压力已回落，连续报警三次请报修，不要短接保护。`,
    bodyEn: `When the chiller (CH-500RT) reports **high condensing pressure**:

1. Check the cooling tower fans and cooling water pump are running and the valves fully open.
2. Cooling water entering above 32 °C: check the tower's water distribution and fill.
3. Scaled condenser tubes raise the pressure: an approach above 3 °C means the tubes need cleaning.
4. Reset only when the pressure has dropped; after three alarms report a fault — never bypass the protection.`,
  }),
  A({
    kind: 'operation',
    category: 'hvac',
    faultClass: null,
    visibility: 'public',
    state: 'published',
    titleZh: '冷水机组开机和停机顺序',
    titleEn: 'Starting and stopping the chiller plant',
    bodyZh: `**开机**：冷却塔风机 → 冷却水泵 → 冷冻水泵 → 确认水流开关闭合 → 冷水机组。

**停机**：冷水机组 → 延时 5 分钟 → 冷冻水泵 → 冷却水泵 → 冷却塔风机。

停机后冷冻水泵延时运行，可以防止蒸发器结冰。`,
    bodyEn: `**Start**: cooling tower fans → cooling water pump → chilled water pump → flow switch closed → chiller.

**Stop**: chiller → wait 5 minutes → chilled water pump → cooling water pump → tower fans.

Running the chilled water pump on after the chiller stops keeps the evaporator from freezing.`,
  }),
  A({
    kind: 'troubleshooting',
    category: 'hvac',
    faultClass: '过流',
    visibility: 'public',
    state: 'published',
    titleZh: '变频冷冻水泵变频器报过流故障',
    titleEn: 'Chilled-water pump inverter trips on over-current',
    bodyZh: `变频冷冻水泵（PUMP-VF-75）的变频器报 **OC 过流**：

- 加速时报警：把加速时间从 10 秒调到 20 秒。
- 运行中报警：检查水泵是否卡涩、轴承是否异响，盘车是否灵活。
- 电机绝缘下降也会过流，用 500V 兆欧表测量，低于 1MΩ 需要烘干或维修。`,
    bodyEn: `The inverter of the chilled-water pump (PUMP-VF-75) shows **OC over-current**:

- While accelerating: raise the acceleration time from 10 s to 20 s.
- While running: check the pump for binding or bearing noise; turn the shaft by hand.
- Failing motor insulation also trips it: below 1 MΩ at 500 V the motor must be dried or repaired.`,
  }),
  A({
    kind: 'troubleshooting',
    category: 'hvac',
    faultClass: '渗漏',
    visibility: 'public',
    state: 'published',
    titleZh: '水泵机械密封漏水的处理',
    titleEn: 'Pump mechanical seal leaking',
    bodyZh: `机械密封处**滴水**每分钟超过 3 滴即为渗漏。

1. 新装或检修后的轻微渗漏，运行 24 小时磨合后通常会减少。
2. 持续漏水：密封面磨损或 O 形圈老化，需要停泵更换机械密封。
3. 避免水泵干转，干转几分钟就会烧坏密封面。`,
    bodyEn: `More than 3 **drops** a minute at the mechanical seal is a leak.

1. A slight leak after installation or repair usually settles within 24 hours of running.
2. A steady leak: worn faces or an aged O-ring; stop the pump and replace the seal.
3. Never run the pump dry: a few minutes burn the seal faces.`,
  }),
  A({
    kind: 'maintenance',
    category: 'hvac',
    faultClass: null,
    visibility: 'public',
    state: 'published',
    titleZh: '组合式空气处理机组过滤网清洗周期',
    titleEn: 'Cleaning the filters of air handling units',
    bodyZh: `组合式空气处理机组（AHU-20K）的初效过滤网建议**每月清洗**，中效过滤网每季度检查，压差超过初阻力两倍时更换。

清洗时断开风机电源，用清水冲洗初效过滤网，晾干后装回，注意气流方向箭头。`,
    bodyEn: `Clean the coarse filters of the air handling unit (AHU-20K) **monthly**; check the medium filters each quarter and replace them when the pressure drop is twice the initial value.

Switch the fan off, rinse the coarse filters with water, let them dry and refit them with the airflow arrow the right way.`,
  }),
  A({
    kind: 'operation',
    category: 'lighting',
    faultClass: null,
    visibility: 'internal',
    state: 'published',
    titleZh: '单灯控制器更换后的平台注册步骤（内部）',
    titleEn: 'Registering a replaced single-lamp controller (staff)',
    bodyZh: `更换单灯控制器（SLC-NB100）后：

1. 扫描新控制器的 IMEI 二维码，在平台"设备"中替换旧 IMEI。
2. 绑定灯杆编号，下发定时策略。
3. 在工单中记录新旧序列号，旧件按返厂流程寄回。`,
    bodyEn: `After replacing a single-lamp controller (SLC-NB100):

1. Scan the new controller's IMEI code and replace the old IMEI on the platform's device page.
2. Bind it to the pole number and send the schedule.
3. Record old and new serial numbers on the work order; return the old unit to the factory.`,
  }),
  A({
    kind: 'troubleshooting',
    category: 'power',
    faultClass: '雷击',
    visibility: 'internal',
    state: 'published',
    titleZh: '雷击后配电和路灯设备检查清单（内部）',
    titleEn: 'Checklist after a lightning strike (staff)',
    bodyZh: `- 检查浪涌保护器（SPD）窗口是否变红，变红即失效需更换。
- 测量接地电阻，不大于 4Ω。
- 逐杆检查 LED 驱动电源和单灯控制器，雷击损坏不在质保范围内，需向客户说明并报价。`,
    bodyEn: `- Check each surge protector (SPD): a red window means it has failed and must be replaced.
- Measure earth resistance: 4 Ω at most.
- Check every pole's LED driver and controller; lightning damage is not covered by the warranty — tell the customer and quote.`,
  }),
  A({
    kind: 'troubleshooting',
    category: 'lighting',
    faultClass: '进水',
    visibility: 'public',
    state: 'in_review',
    titleZh: '路灯灯头进水起雾的处理',
    titleEn: 'Water or fog inside a street light head',
    bodyZh: `灯头透镜内起雾多为密封圈老化。断电后打开灯头，晾干并更换密封圈；驱动电源进水须整体更换。`,
    bodyEn: `Fog inside the lens usually means an aged gasket. With the power off, open the head, let it dry and replace the gasket; a wet driver must be replaced.`,
  }),
];

const ALIASES = [
  { category: 'hvac', alias: '冷机', term: '冷水机组' },
  { category: 'hvac', alias: '空调箱', term: '空气处理机组' },
  { category: 'hvac', alias: 'VFD', term: '变频器' },
  { category: 'lighting', alias: '单灯', term: '单灯控制器' },
  { category: 'lighting', alias: '路灯不亮', term: '不亮' },
  { category: 'power', alias: '空开', term: '断路器' },
  { category: null, alias: '漏水', term: '渗漏' },
  { category: null, alias: '掉闸', term: '跳闸' },
];

export async function loadKnowledgeDemo(db: Db, clock: Clock, timeZone: string) {
  const { rows } = await db.execute<{ id: string }>(sql`select id from users where username = 'manager'`);
  const base = systemCtx({ db, clock, timeZone }, 'demo');
  const ctx: Ctx = {
    ...base,
    principal: {
      ...base.principal,
      userId: rows[0]?.id ?? null,
      roles: ['manager'],
      permissions: permissionsOf(['manager']),
      label: 'manager',
      displayName: '王经理 Wang (service manager)',
    },
  };
  for (const { state, ...fields } of ARTICLES) {
    const a = await createArticle(ctx, { ...fields, attachmentIds: [] });
    const inReview = await reviewStep(ctx, a.id, 'submit', { version: a.version });
    if (state === 'published') await reviewStep(ctx, a.id, 'publish', { version: inReview.version });
  }
  for (const alias of ALIASES) await createAlias(ctx, alias);
}
