import { api } from '../../api/client.ts';

export interface TCaller {
  customerId: string;
  customerName: string;
  contactId: string | null;
  contactName: string | null;
  phone: string;
}

/** Who is calling: customers and contacts with this phone number. */
export const lookupCallers = (phone: string) => api.get<TCaller[]>('/api/v1/lookup/phone', { phone });
