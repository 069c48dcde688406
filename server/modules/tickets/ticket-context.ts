// What the ticket page's side panel shows beside the conversation: the customer, the caller, the
// project and equipment by name, and the customer's other open tickets. A customer user reads it for
// its own tickets (the portal names the project and equipment from it).
import type { TTicketContext } from '../../../common/tickets-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { contactFacts, customerFacts, equipmentFacts, projectFacts } from '../registry/index.ts';
import { ticketScope } from './access.ts';
import * as repo from './repository.ts';

export async function ticketContext(ctx: Ctx, id: string): Promise<TTicketContext> {
  const scope = ticketScope(ctx);
  const row = await repo.findTicket(ctx.db, scope, id);
  if (!row) throw notFound('Ticket');
  const [customers, contacts, projects, equipment, others] = await Promise.all([
    customerFacts(ctx.db, [row.customerId]),
    contactFacts(ctx.db, row.contactId ? [row.contactId] : []),
    projectFacts(ctx.db, row.projectId ? [row.projectId] : []),
    equipmentFacts(ctx.db, row.assetIds),
    repo.otherOpenTickets(ctx.db, scope, row.customerId, id),
  ]);
  const customer = customers.get(row.customerId);
  const contact = row.contactId ? contacts.get(row.contactId) : undefined;
  const project = row.projectId ? projects.get(row.projectId) : undefined;
  return {
    customer: {
      id: row.customerId,
      name: row.customerName,
      phone: customer?.contactPhone ?? null,
      contactName: customer?.contactName ?? null,
    },
    contact: contact
      ? {
          id: row.contactId!,
          name: contact.name,
          phone: contact.phone,
          email: contact.email,
          title: contact.title,
        }
      : null,
    project: project ? { id: row.projectId!, name: project.name, address: project.address } : null,
    equipment: row.assetIds.flatMap((assetId) => {
      const e = equipment.get(assetId);
      return e
        ? [
            {
              id: assetId,
              name: e.name ?? e.productName,
              serial: e.serial,
              productName: e.productName,
              location: e.location,
            },
          ]
        : [];
    }),
    otherOpen: others.map((o) => ({
      id: o.id,
      number: o.number,
      subject: o.subject,
      status: o.status,
      createdAt: o.createdAt.toISOString(),
    })),
  };
}
