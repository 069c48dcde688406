import { api } from '../../api/client.ts';

export interface TCustomerDuplicate {
  id: string;
  code: string;
  name: string;
  contactPhone: string | null;
}

/** 重复检测: customers with the same phone or a similar name. */
export const findCustomerDuplicates = (query: { name?: string; phone?: string }) =>
  api.get<TCustomerDuplicate[]>('/api/v1/customers/duplicates', query);
