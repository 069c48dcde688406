// Public surface of the accounts module.

export { companyLetterhead, type Letterhead } from './company.ts';
export { customerReaderLocale } from './field-read.ts';
export { purgeExpiredSessionsJob } from './jobs.ts';
export { customerUserReferences, staffReferences } from './references.ts';
export { registerAccountRoutes } from './routes.ts';
export { authenticate, createUser, SESSION_COOKIE } from './service.ts';
export {
  activeStaffIds,
  findActiveStaff,
  findActiveStaffMembers,
  listActiveStaff,
  type StaffMember,
  userNames,
} from './staff.ts';
