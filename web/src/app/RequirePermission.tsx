import type { TPermission } from '../../../common/roles.ts';
import { useMe } from '../features/auth/me-query.ts';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage.tsx';

/** Shows the page only to users holding the permission (the server checks it again on every call). */
export function RequirePermission({
  permission,
  children,
}: {
  permission: TPermission;
  children: React.ReactNode;
}) {
  const { data: me } = useMe();
  if (!me) return null;
  return me.permissions.includes(permission) ? children : <ForbiddenPage />;
}
