// The antd tag colours of a ticket's priority and status category: the live screens' and the markup of
// the ticket list's first page the server writes (server/first-page/ticket-list-html.ts).
export const PRIORITY_COLOR: Record<string, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};
export const CATEGORY_COLOR: Record<string, string> = {
  open: 'processing',
  waiting: 'warning',
  resolved: 'success',
  closed: 'default',
};
