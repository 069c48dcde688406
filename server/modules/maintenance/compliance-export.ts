// The compliance report as an Excel workbook (platform/xlsx-export.ts): one row per group and a total.
import type { TComplianceQuery, TComplianceRow } from '../../../common/maintenance-tuning-api.ts';
import type { Ctx } from '../../platform/context.ts';
import type { XlsxExport } from '../../platform/xlsx-export.ts';
import { complianceReport } from './compliance.ts';

const GROUP_TITLE = {
  customer: { zh: '客户', en: 'Customer' },
  project: { zh: '项目', en: 'Project' },
  engineer: { zh: '工程师', en: 'Engineer' },
  month: { zh: '月份', en: 'Month' },
} as const;

export function complianceExport(ctx: Ctx, q: TComplianceQuery): XlsxExport<TComplianceRow> {
  return {
    name: 'maintenance-compliance',
    sheet: { zh: '维保合规', en: 'Maintenance compliance' },
    columns: [
      {
        ...GROUP_TITLE[q.groupBy],
        width: 28,
        value: (r, f) =>
          r.key === '' ? (r.label === '' ? (f.lang === 'en' ? 'Total' : '合计') : r.label) : r.label,
      },
      { zh: '应做', en: 'Due', value: (r) => r.due },
      { zh: '按时完成', en: 'On time', value: (r) => r.onTime },
      { zh: '逾期完成', en: 'Late', value: (r) => r.late },
      { zh: '未完成（错过）', en: 'Missed', value: (r) => r.missed },
      { zh: '进行中', en: 'Open', value: (r) => r.open },
      {
        zh: '按时率',
        en: 'On-time rate',
        value: (r) => (r.onTimeRate === null ? null : `${Math.round(r.onTimeRate * 1000) / 10}%`),
      },
    ],
    page: async (after) => {
      if (after) return { rows: [], next: null };
      const report = await complianceReport(ctx, q);
      const rows = report.rows.map((r) =>
        // An engineer group without an engineer: nobody was assigned yet.
        r.key === '' && q.groupBy === 'engineer' ? { ...r, key: '-', label: '未派工 / unassigned' } : r,
      );
      return { rows: [...rows, report.total], next: null };
    },
  };
}
