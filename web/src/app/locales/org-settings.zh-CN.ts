// The organisation's notification defaults (admin area) and the travel rate per km (field settings).
export const orgSettingsZh = {
  nav: '通知默认方式',
  notificationDefaults: {
    title: '通知默认方式',
    intro:
      '为每类通知设定全公司的默认接收方式。未自行选择的员工按此接收；员工在个人资料中的选择优先。修改会记入审计日志。',
    kind: '通知类型',
    product: '系统默认',
    custom: '已修改',
    resetProduct: '恢复系统默认',
    save: '保存默认方式',
    saved: '通知默认方式已保存',
    stale: '设置已在别处修改，已重新载入，请再试一次',
  },
  travelRate: {
    title: '差旅费标准',
    perKm: '差旅费（按公里）',
    perKmAtCost: '成本价差旅费（按公里）',
    unit: '元/公里',
    help: '差旅按公里计费：公里数 × 单价。只影响此后计算的费用；已完工的收费单不变。',
    save: '保存',
    saved: '已保存',
  },
};
