import { Navigate } from 'react-router';
import { PageLoading } from '../components/PageLoading.tsx';
import { useMe } from '../features/auth/me-query.ts';

/** `/` sends each user to their own home: staff to the console, customers to the portal. */
export function StartPage() {
  const { data: me, isLoading } = useMe();
  if (isLoading) return <PageLoading />;
  if (!me) return <Navigate to="/login" replace />;
  return <Navigate to={me.kind === 'customer' ? '/portal' : '/console'} replace />;
}
