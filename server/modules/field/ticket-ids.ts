// For tickets' read scope: the ids of the tickets behind one engineer's work orders (a subquery).
import { type SQL, sql } from 'drizzle-orm';
import { workOrders } from './schema.ts';

export function workOrderTicketIds(userId: string): SQL {
  return sql`select ${workOrders.ticketId} from ${workOrders} where ${workOrders.engineerId} = ${userId} and ${workOrders.ticketId} is not null`;
}
