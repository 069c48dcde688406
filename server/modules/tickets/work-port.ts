// The tickets behind a field engineer's work orders. Work orders belong to field, which depends on
// tickets, so field provides the SQL fragment (the ticket ids of one engineer's work orders) and
// server/app.ts wires it: tickets never names field's table.
import type { SQL } from 'drizzle-orm';

export type WorkOrderTicketIds = (userId: string) => SQL;

let provided: WorkOrderTicketIds | null = null;

export function provideWorkOrderTickets(fragment: WorkOrderTicketIds): void {
  provided = fragment;
}

export function workOrderTicketIds(userId: string): SQL {
  if (!provided) throw new Error('no work-order ticket query (wired in server/app.ts)');
  return provided(userId);
}
