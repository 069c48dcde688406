// Column helpers shared by every module's schema.
import { timestamp } from 'drizzle-orm/pg-core';

/** timestamptz, read as a JS Date (an instant; stored in UTC). */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
