import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

export interface TInboundMail {
  id: string;
  fromAddress: string;
  subject: string;
  bodyText: string;
  status: string;
  reason: string | null;
  ticketId: string | null;
  receivedAt: string;
}

export const useInboundEmails = (status: 'triage' | 'quarantined') =>
  useQuery({
    queryKey: ticketsKeys.inboundEmails(status),
    queryFn: () => api.get<TInboundMail[]>('/api/v1/inbound-emails', { status }),
  });
