// The official Chinese public-holiday schedule (国务院办公厅关于节假日安排的通知) for 2025 and 2026:
// days off, and the make-up working days (调休) on weekends. Shipped as data; admins edit or import
// a year's schedule (verify each new year against the State Council notice).
export interface HolidaySchedule {
  year: number;
  /** Days off (法定节假日 and the days moved around them). */
  holidays: { date: string; name: string }[];
  /** Weekend days that are working days (调休上班). */
  workdays: { date: string; name: string }[];
}

const range = (from: string, to: string, name: string) => {
  const out: { date: string; name: string }[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end) {
    out.push({ date: d.toISOString().slice(0, 10), name });
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
};

export const CN_HOLIDAYS: HolidaySchedule[] = [
  {
    year: 2025,
    holidays: [
      ...range('2025-01-01', '2025-01-01', '元旦'),
      ...range('2025-01-28', '2025-02-04', '春节'),
      ...range('2025-04-04', '2025-04-06', '清明节'),
      ...range('2025-05-01', '2025-05-05', '劳动节'),
      ...range('2025-05-31', '2025-06-02', '端午节'),
      ...range('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    ],
    workdays: [
      { date: '2025-01-26', name: '春节调休' },
      { date: '2025-02-08', name: '春节调休' },
      { date: '2025-04-27', name: '劳动节调休' },
      { date: '2025-09-28', name: '国庆节调休' },
      { date: '2025-10-11', name: '国庆节调休' },
    ],
  },
  {
    year: 2026,
    holidays: [
      ...range('2026-01-01', '2026-01-03', '元旦'),
      ...range('2026-02-15', '2026-02-23', '春节'),
      ...range('2026-04-04', '2026-04-06', '清明节'),
      ...range('2026-05-01', '2026-05-05', '劳动节'),
      ...range('2026-06-19', '2026-06-21', '端午节'),
      ...range('2026-09-25', '2026-09-27', '中秋节'),
      ...range('2026-10-01', '2026-10-07', '国庆节'),
    ],
    workdays: [
      { date: '2026-01-04', name: '元旦调休' },
      { date: '2026-02-14', name: '春节调休' },
      { date: '2026-02-28', name: '春节调休' },
      { date: '2026-05-09', name: '劳动节调休' },
      { date: '2026-09-20', name: '国庆节调休' },
      { date: '2026-10-10', name: '国庆节调休' },
    ],
  },
];
