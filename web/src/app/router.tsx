import { createBrowserRouter, Navigate } from 'react-router';
import type { TPermission } from '../../../common/roles.ts';
import { ApiTokensPage } from '../pages/admin/ApiTokensPage.tsx';
import { AuditLogPage } from '../pages/admin/AuditLogPage.tsx';
import { CompanyPage } from '../pages/admin/CompanyPage.tsx';
import { MailLogPage } from '../pages/admin/MailLogPage.tsx';
import { RolesPage } from '../pages/admin/RolesPage.tsx';
import { RoutingRulesPage } from '../pages/admin/RoutingRulesPage.tsx';
import { SlaPage } from '../pages/admin/sla/SlaPage.tsx';
import { UsersPage } from '../pages/admin/UsersPage.tsx';
import { WebhooksPage } from '../pages/admin/WebhooksPage.tsx';
import { LoginPage } from '../pages/auth/LoginPage.tsx';
import { ProfilePage } from '../pages/auth/ProfilePage.tsx';
import { ConsoleHomePage } from '../pages/console/ConsoleHomePage.tsx';
import { ConsoleLayout } from '../pages/console/ConsoleLayout.tsx';
import { CustomerDetailPage } from '../pages/console/CustomerDetailPage.tsx';
import { CustomersPage } from '../pages/console/CustomersPage.tsx';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage.tsx';
import { NotFoundPage } from '../pages/errors/NotFoundPage.tsx';
import { DispatchPage } from '../pages/field/DispatchPage.tsx';
import { EngineersPage } from '../pages/field/EngineersPage.tsx';
import { MyJobsPage } from '../pages/field/MyJobsPage.tsx';
import { VisitPage } from '../pages/field/VisitPage.tsx';
import { PartDetailPage } from '../pages/parts/PartDetailPage.tsx';
import { PartsPage } from '../pages/parts/PartsPage.tsx';
import { ReplenishmentPage } from '../pages/parts/ReplenishmentPage.tsx';
import { StockCountPage } from '../pages/parts/StockCountPage.tsx';
import { StockPage } from '../pages/parts/StockPage.tsx';
import { PortalHomePage } from '../pages/portal/PortalHomePage.tsx';
import { PortalLayout } from '../pages/portal/PortalLayout.tsx';
import { PortalOrganisationPage } from '../pages/portal/PortalOrganisationPage.tsx';
import { AssetDetailPage } from '../pages/registry/AssetDetailPage.tsx';
import { AssetsPage } from '../pages/registry/AssetsPage.tsx';
import { ImportPage } from '../pages/registry/ImportPage.tsx';
import { ProductsPage } from '../pages/registry/ProductsPage.tsx';
import { ProjectDetailPage } from '../pages/registry/ProjectDetailPage.tsx';
import { ProjectsPage } from '../pages/registry/ProjectsPage.tsx';
import { NewTicketPage } from '../pages/tickets/NewTicketPage.tsx';
import { TicketDetailPage } from '../pages/tickets/TicketDetailPage.tsx';
import { TicketsPage } from '../pages/tickets/TicketsPage.tsx';
import { RequirePermission } from './RequirePermission.tsx';
import { StartPage } from './StartPage.tsx';

const guarded = (permission: TPermission, element: React.ReactNode) => (
  <RequirePermission permission={permission}>{element}</RequirePermission>
);

export const router = createBrowserRouter([
  { path: '/', element: <StartPage /> },
  { path: '/login', element: <LoginPage /> },
  {
    path: '/console',
    element: <ConsoleLayout />,
    children: [
      { index: true, element: <ConsoleHomePage /> },
      { path: 'tickets', element: guarded('tickets.read', <TicketsPage />) },
      { path: 'tickets/new', element: guarded('tickets.create', <NewTicketPage />) },
      { path: 'tickets/:id', element: guarded('tickets.read', <TicketDetailPage />) },
      { path: 'customers', element: guarded('customers.read', <CustomersPage />) },
      { path: 'customers/:id', element: guarded('customers.read', <CustomerDetailPage />) },
      { path: 'projects', element: guarded('registry.read', <ProjectsPage />) },
      { path: 'projects/:id', element: guarded('registry.read', <ProjectDetailPage />) },
      { path: 'assets', element: guarded('registry.read', <AssetsPage />) },
      { path: 'assets/:id', element: guarded('registry.read', <AssetDetailPage />) },
      { path: 'products', element: guarded('registry.read', <ProductsPage />) },
      { path: 'import', element: guarded('imports.run', <ImportPage />) },
      { path: 'users', element: guarded('users.read', <UsersPage />) },
      { path: 'api-tokens', element: guarded('api_tokens.manage', <ApiTokensPage />) },
      { path: 'roles', element: guarded('roles.read', <RolesPage />) },
      { path: 'routing', element: guarded('routing.manage', <RoutingRulesPage />) },
      { path: 'sla', element: guarded('sla.read', <SlaPage />) },
      { path: 'dispatch', element: guarded('workorders.dispatch', <DispatchPage />) },
      { path: 'engineers', element: guarded('workorders.dispatch', <EngineersPage />) },
      { path: 'jobs', element: guarded('workorders.work', <MyJobsPage />) },
      { path: 'jobs/:id', element: guarded('workorders.work', <VisitPage />) },
      { path: 'parts', element: guarded('parts.read', <PartsPage />) },
      { path: 'parts/:id', element: guarded('parts.read', <PartDetailPage />) },
      { path: 'stock', element: guarded('parts.read', <StockPage />) },
      { path: 'stock/counts/:id', element: guarded('stock.move', <StockCountPage />) },
      { path: 'replenishment', element: guarded('stock.read_all', <ReplenishmentPage />) },
      { path: 'webhooks', element: guarded('webhooks.manage', <WebhooksPage />) },
      { path: 'mail-log', element: guarded('mail_log.manage', <MailLogPage />) },
      { path: 'audit', element: guarded('audit.read', <AuditLogPage />) },
      { path: 'company', element: guarded('settings.manage', <CompanyPage />) },
      { path: 'profile', element: <ProfilePage /> },
      { path: 'forbidden', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    path: '/portal',
    element: <PortalLayout />,
    children: [
      { index: true, element: <PortalHomePage /> },
      { path: 'organisation', element: <PortalOrganisationPage /> },
      { path: 'tickets', element: <TicketsPage base="/portal" /> },
      { path: 'tickets/new', element: <NewTicketPage base="/portal" /> },
      { path: 'tickets/:id', element: <TicketDetailPage base="/portal" /> },
      { path: 'projects', element: <ProjectsPage base="/portal" /> },
      { path: 'projects/:id', element: <ProjectDetailPage base="/portal" /> },
      { path: 'assets', element: <AssetsPage base="/portal" /> },
      { path: 'assets/:id', element: <AssetDetailPage base="/portal" /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: '/index.html', element: <Navigate to="/" replace /> },
  { path: '*', element: <NotFoundPage standalone /> },
]);
