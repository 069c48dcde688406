import type { orgSettingsZh } from './org-settings.zh-CN.ts';

export const orgSettingsEn: typeof orgSettingsZh = {
  nav: 'Notification defaults',
  notificationDefaults: {
    title: 'Notification defaults',
    intro:
      "Choose, for each kind of notification, the channels the whole organisation gets by default. Staff who have not chosen get these; a person's own choice in their profile comes first. Changes are recorded in the audit log.",
    kind: 'Kind of notification',
    product: 'Product default',
    custom: 'Changed',
    resetProduct: 'Back to the product default',
    save: 'Save defaults',
    saved: 'Notification defaults saved',
    stale: 'The defaults were changed elsewhere and have been reloaded; please try again',
  },
  travelRate: {
    title: 'Travel charges',
    perKm: 'Travel (per km)',
    perKmAtCost: 'Travel at cost (per km)',
    unit: 'CNY/km',
    help: 'Travel is charged per kilometre: km × rate. Only charges computed from now on change; completed charge sheets stay as they are.',
    save: 'Save',
    saved: 'Saved',
  },
};
