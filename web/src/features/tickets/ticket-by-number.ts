import type { TTicket } from '../../../../common/tickets-api.ts';
import { api, type Page } from '../../api/client.ts';

/** The ticket with exactly this number, if the user may see it. */
export async function findTicketByNumber(number: string): Promise<TTicket | undefined> {
  const found = await api.get<Page<TTicket>>('/api/v1/tickets', { q: number, limit: 5 });
  return found.items.find((x) => x.number === number);
}
