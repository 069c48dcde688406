import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { slaKeys } from './sla-keys.ts';

/** Minutes after local midnight: [start, end). */
export type TSlot = [number, number];

export interface TCalendar {
  id: string;
  name: string;
  timeZone: string;
  weekly: Record<string, TSlot[]>;
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
  workdaySlots: TSlot[];
  version: number;
}

export type TCalendarFields = Omit<TCalendar, 'id' | 'version'>;

export const useCalendars = () =>
  useQuery({ queryKey: slaKeys.calendars(), queryFn: () => api.get<TCalendar[]>('/api/v1/sla/calendars') });
