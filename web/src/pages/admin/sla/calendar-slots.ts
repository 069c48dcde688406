// Working slots as people type them: "09:00-12:00, 13:30-18:00".
import type { TSlot } from '../../../features/sla/calendars-query.ts';
import { hhmm } from '../../../features/sla/use-now.ts';

export const slotsText = (slots: TSlot[] = []) => slots.map(([s, e]) => `${hhmm(s)}-${hhmm(e)}`).join(', ');

export function parseSlots(text: string): TSlot[] | null {
  if (!text.trim()) return [];
  const out: TSlot[] = [];
  for (const part of text.split(/[,，;]/)) {
    const m = part.trim().match(/^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/);
    if (!m) return null;
    out.push([Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])]);
  }
  return out;
}
