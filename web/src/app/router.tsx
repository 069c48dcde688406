import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { TPermission } from '../../../common/roles.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { prefetchConsoleTickets } from '../features/tickets/tickets-query.ts';
import { LoginPage } from '../pages/auth/LoginPage.tsx';
import { StartPage } from './StartPage.tsx';

// Every screen but the login page is its own chunk, loaded by the router when its address matches:
// the layout's and the page's chunks (and the session, see App.tsx) load in parallel, and antd
// loads with the first screen behind the login.

/** A route's screen, loaded on demand. */
const page =
  <M,>(load: () => Promise<M>, render: (m: M) => ReactNode) =>
  async () => ({ element: render(await load()) });

/** A screen shown only to users holding the permission (the server checks it again on every call). */
const guardedPage = <M,>(permission: TPermission, load: () => Promise<M>, render: (m: M) => ReactNode) =>
  page(
    () => Promise.all([import('./RequirePermission.tsx'), load()]),
    ([{ RequirePermission }, m]) => (
      <RequirePermission permission={permission}>{render(m)}</RequirePermission>
    ),
  );

/** A screen in antd's theme and locale (see AntShell.tsx). */
const antPage = <M,>(load: () => Promise<M>, render: (m: M) => ReactNode) =>
  page(
    () => Promise.all([import('./AntShell.tsx'), load()]),
    ([{ AntShell }, m]) => <AntShell>{render(m)}</AntShell>,
  );

export const router = createBrowserRouter([
  {
    hydrateFallbackElement: <PageLoading />,
    children: [
      { path: '/', element: <StartPage /> },
      { path: '/login', element: <LoginPage /> },
      {
        path: '/console',
        lazy: antPage(
          () => import('../pages/console/ConsoleLayout.tsx'),
          (m) => <m.ConsoleLayout />,
        ),
        children: [
          {
            index: true,
            lazy: page(
              () => import('../pages/console/ConsoleHomePage.tsx'),
              (m) => <m.ConsoleHomePage />,
            ),
          },
          {
            path: 'tickets',
            // the list's first page loads alongside the screen's code (see tickets-query.ts)
            loader: ({ request }) => {
              prefetchConsoleTickets(new URL(request.url).search);
              return null;
            },
            lazy: guardedPage(
              'tickets.read',
              () => import('../pages/tickets/TicketsPage.tsx'),
              (m) => <m.TicketsPage />,
            ),
          },
          {
            path: 'tickets/new',
            lazy: guardedPage(
              'tickets.create',
              () => import('../pages/tickets/NewTicketPage.tsx'),
              (m) => <m.NewTicketPage />,
            ),
          },
          {
            path: 'tickets/:id',
            lazy: guardedPage(
              'tickets.read',
              () => import('../pages/tickets/TicketDetailPage.tsx'),
              (m) => <m.TicketDetailPage />,
            ),
          },
          {
            path: 'customers',
            lazy: guardedPage(
              'customers.read',
              () => import('../pages/console/CustomersPage.tsx'),
              (m) => <m.CustomersPage />,
            ),
          },
          {
            path: 'customers/:id',
            lazy: guardedPage(
              'customers.read',
              () => import('../pages/console/CustomerDetailPage.tsx'),
              (m) => <m.CustomerDetailPage />,
            ),
          },
          {
            path: 'projects',
            lazy: guardedPage(
              'registry.read',
              () => import('../pages/registry/ProjectsPage.tsx'),
              (m) => <m.ProjectsPage />,
            ),
          },
          {
            path: 'projects/:id',
            lazy: guardedPage(
              'registry.read',
              () => import('../pages/registry/ProjectDetailPage.tsx'),
              (m) => <m.ProjectDetailPage />,
            ),
          },
          {
            path: 'assets',
            lazy: guardedPage(
              'registry.read',
              () => import('../pages/registry/AssetsPage.tsx'),
              (m) => <m.AssetsPage />,
            ),
          },
          {
            path: 'assets/:id',
            lazy: guardedPage(
              'registry.read',
              () => import('../pages/registry/AssetDetailPage.tsx'),
              (m) => <m.AssetDetailPage />,
            ),
          },
          {
            path: 'products',
            lazy: guardedPage(
              'registry.read',
              () => import('../pages/registry/ProductsPage.tsx'),
              (m) => <m.ProductsPage />,
            ),
          },
          {
            path: 'import',
            lazy: guardedPage(
              'imports.run',
              () => import('../pages/registry/ImportPage.tsx'),
              (m) => <m.ImportPage />,
            ),
          },
          {
            path: 'users',
            lazy: guardedPage(
              'users.read',
              () => import('../pages/admin/UsersPage.tsx'),
              (m) => <m.UsersPage />,
            ),
          },
          {
            path: 'api-tokens',
            lazy: guardedPage(
              'api_tokens.manage',
              () => import('../pages/admin/ApiTokensPage.tsx'),
              (m) => <m.ApiTokensPage />,
            ),
          },
          {
            path: 'company',
            lazy: guardedPage(
              'settings.manage',
              () => import('../pages/admin/CompanyPage.tsx'),
              (m) => <m.CompanyPage />,
            ),
          },
          {
            path: 'roles',
            lazy: guardedPage(
              'roles.read',
              () => import('../pages/admin/RolesPage.tsx'),
              (m) => <m.RolesPage />,
            ),
          },
          {
            path: 'canned-replies',
            lazy: guardedPage(
              'canned_replies.manage',
              () => import('../pages/tickets/CannedRepliesPage.tsx'),
              (m) => <m.CannedRepliesPage />,
            ),
          },
          {
            path: 'routing',
            lazy: guardedPage(
              'routing.manage',
              () => import('../pages/admin/RoutingRulesPage.tsx'),
              (m) => <m.RoutingRulesPage />,
            ),
          },
          {
            path: 'sla',
            lazy: guardedPage(
              'sla.read',
              () => import('../pages/admin/sla/SlaPage.tsx'),
              (m) => <m.SlaPage />,
            ),
          },
          {
            path: 'dispatch',
            lazy: guardedPage(
              'workorders.dispatch',
              () => import('../pages/field/DispatchPage.tsx'),
              (m) => <m.DispatchPage />,
            ),
          },
          {
            path: 'followups',
            lazy: guardedPage(
              'followups.work',
              () => import('../pages/followups/FollowUpsPage.tsx'),
              (m) => <m.FollowUpsPage />,
            ),
          },
          {
            path: 'maintenance',
            lazy: guardedPage(
              'maintenance.read',
              () => import('../pages/maintenance/MaintenancePage.tsx'),
              (m) => <m.MaintenancePage />,
            ),
          },
          {
            path: 'analytics',
            lazy: guardedPage(
              'analytics.read',
              () => import('../pages/analytics/AnalyticsPage.tsx'),
              (m) => <m.AnalyticsPage />,
            ),
          },
          {
            path: 'performance',
            lazy: guardedPage(
              'analytics.performance',
              () => import('../pages/analytics/PerformancePage.tsx'),
              (m) => <m.PerformancePage />,
            ),
          },
          {
            path: 'analytics/reports',
            lazy: guardedPage(
              'reports.read',
              () => import('../pages/analytics/ReportsPage.tsx'),
              (m) => <m.ReportsPage />,
            ),
          },
          {
            path: 'surveys',
            lazy: guardedPage(
              'surveys.read',
              () => import('../pages/surveys/SurveysPage.tsx'),
              (m) => <m.SurveysPage />,
            ),
          },
          {
            path: 'knowledge',
            lazy: guardedPage(
              'knowledge.read',
              () => import('../pages/knowledge/KnowledgePage.tsx'),
              (m) => <m.KnowledgePage />,
            ),
          },
          {
            path: 'knowledge/new',
            lazy: guardedPage(
              'knowledge.write',
              () => import('../pages/knowledge/ArticleEditorPage.tsx'),
              (m) => <m.ArticleEditorPage />,
            ),
          },
          {
            path: 'knowledge/:id/edit',
            lazy: guardedPage(
              'knowledge.write',
              () => import('../pages/knowledge/ArticleEditorPage.tsx'),
              (m) => <m.ArticleEditorPage />,
            ),
          },
          {
            path: 'knowledge/:id',
            lazy: guardedPage(
              'knowledge.read',
              () => import('../pages/knowledge/ArticleViewPage.tsx'),
              (m) => <m.ArticleViewPage />,
            ),
          },
          {
            path: 'returns',
            lazy: guardedPage(
              'returns.read',
              () => import('../pages/returns/ReturnsPage.tsx'),
              (m) => <m.ReturnsPage />,
            ),
          },
          {
            path: 'returns/:id',
            lazy: guardedPage(
              'returns.read',
              () => import('../pages/returns/ReturnDetailPage.tsx'),
              (m) => <m.ReturnDetailPage />,
            ),
          },
          {
            path: 'training',
            lazy: guardedPage(
              'training.read',
              () => import('../pages/training/TrainingPage.tsx'),
              (m) => <m.TrainingPage />,
            ),
          },
          {
            path: 'complaints',
            lazy: guardedPage(
              'complaints.read',
              () => import('../pages/complaints/ComplaintsPage.tsx'),
              (m) => <m.ComplaintsPage />,
            ),
          },
          {
            path: 'complaints/:id',
            lazy: guardedPage(
              'complaints.read',
              () => import('../pages/complaints/ComplaintDetailPage.tsx'),
              (m) => <m.ComplaintDetailPage />,
            ),
          },
          {
            path: 'quality',
            lazy: guardedPage(
              'quality.read',
              () => import('../pages/quality/QualityPage.tsx'),
              (m) => <m.QualityPage />,
            ),
          },
          {
            path: 'quality-analysis',
            lazy: guardedPage(
              'quality.read',
              () => import('../pages/role-dashboards/QualityDashboardPage.tsx'),
              (m) => <m.QualityDashboardPage />,
            ),
          },
          {
            path: 'training-analysis',
            lazy: guardedPage(
              'training.manage',
              () => import('../pages/role-dashboards/TrainingDashboardPage.tsx'),
              (m) => <m.TrainingDashboardPage />,
            ),
          },
          {
            path: 'quality/cases/:id',
            lazy: guardedPage(
              'quality.read',
              () => import('../pages/quality/QualityCasePage.tsx'),
              (m) => <m.QualityCasePage />,
            ),
          },
          {
            path: 'engineers',
            lazy: guardedPage(
              'workorders.dispatch',
              () => import('../pages/field/EngineersPage.tsx'),
              (m) => <m.EngineersPage />,
            ),
          },
          {
            path: 'jobs',
            lazy: guardedPage(
              'workorders.work',
              () => import('../pages/field/MyJobsPage.tsx'),
              (m) => <m.MyJobsPage />,
            ),
          },
          {
            path: 'jobs/:id',
            lazy: guardedPage(
              'workorders.work',
              () => import('../pages/field/VisitPage.tsx'),
              (m) => <m.VisitPage />,
            ),
          },
          {
            path: 'parts',
            lazy: guardedPage(
              'parts.read',
              () => import('../pages/parts/PartsPage.tsx'),
              (m) => <m.PartsPage />,
            ),
          },
          {
            path: 'parts/:id',
            lazy: guardedPage(
              'parts.read',
              () => import('../pages/parts/PartDetailPage.tsx'),
              (m) => <m.PartDetailPage />,
            ),
          },
          {
            path: 'stock',
            lazy: guardedPage(
              'parts.read',
              () => import('../pages/parts/StockPage.tsx'),
              (m) => <m.StockPage />,
            ),
          },
          {
            path: 'stock/counts/:id',
            lazy: guardedPage(
              'stock.move',
              () => import('../pages/parts/StockCountPage.tsx'),
              (m) => <m.StockCountPage />,
            ),
          },
          {
            path: 'parts-analysis',
            lazy: guardedPage(
              'parts.manage',
              () => import('../pages/role-dashboards/PartsDashboardPage.tsx'),
              (m) => <m.PartsDashboardPage />,
            ),
          },
          {
            path: 'replenishment',
            lazy: guardedPage(
              'stock.read_all',
              () => import('../pages/parts/ReplenishmentPage.tsx'),
              (m) => <m.ReplenishmentPage />,
            ),
          },
          {
            path: 'webhooks',
            lazy: guardedPage(
              'webhooks.manage',
              () => import('../pages/admin/WebhooksPage.tsx'),
              (m) => <m.WebhooksPage />,
            ),
          },
          {
            path: 'notification-defaults',
            lazy: guardedPage(
              'settings.manage',
              () => import('../pages/admin/NotificationDefaultsPage.tsx'),
              (m) => <m.NotificationDefaultsPage />,
            ),
          },
          {
            path: 'mail-log',
            lazy: guardedPage(
              'mail_log.manage',
              () => import('../pages/admin/MailLogPage.tsx'),
              (m) => <m.MailLogPage />,
            ),
          },
          {
            path: 'audit',
            lazy: guardedPage(
              'audit.read',
              () => import('../pages/admin/AuditLogPage.tsx'),
              (m) => <m.AuditLogPage />,
            ),
          },
          {
            path: 'profile',
            lazy: page(
              () => import('../pages/auth/ProfilePage.tsx'),
              (m) => <m.ProfilePage />,
            ),
          },
          {
            path: 'forbidden',
            lazy: page(
              () => import('../pages/errors/ForbiddenPage.tsx'),
              (m) => <m.ForbiddenPage />,
            ),
          },
          {
            path: '*',
            lazy: page(
              () => import('../pages/errors/NotFoundPage.tsx'),
              (m) => <m.NotFoundPage />,
            ),
          },
        ],
      },
      {
        path: '/portal',
        lazy: antPage(
          () => import('../pages/portal/PortalLayout.tsx'),
          (m) => <m.PortalLayout />,
        ),
        children: [
          {
            index: true,
            lazy: page(
              () => import('../pages/portal/PortalHomePage.tsx'),
              (m) => <m.PortalHomePage />,
            ),
          },
          {
            path: 'organisation',
            lazy: page(
              () => import('../pages/portal/PortalOrganisationPage.tsx'),
              (m) => <m.PortalOrganisationPage />,
            ),
          },
          {
            path: 'tickets',
            lazy: page(
              () => import('../pages/portal/PortalTicketsPage.tsx'),
              (m) => <m.PortalTicketsPage />,
            ),
          },
          {
            path: 'tickets/new',
            lazy: page(
              () => import('../pages/portal/PortalNewTicketPage.tsx'),
              (m) => <m.PortalNewTicketPage />,
            ),
          },
          {
            path: 'tickets/:id',
            lazy: page(
              () => import('../pages/portal/PortalTicketPage.tsx'),
              (m) => <m.PortalTicketPage />,
            ),
          },
          {
            path: 'projects',
            lazy: page(
              () => import('../pages/portal/PortalRegistryPages.tsx'),
              (m) => <m.PortalProjectsPage />,
            ),
          },
          {
            path: 'projects/:id',
            lazy: page(
              () => import('../pages/registry/ProjectDetailPage.tsx'),
              (m) => <m.ProjectDetailPage base="/portal" />,
            ),
          },
          {
            path: 'assets',
            lazy: page(
              () => import('../pages/portal/PortalRegistryPages.tsx'),
              (m) => <m.PortalAssetsPage />,
            ),
          },
          {
            path: 'assets/:id',
            lazy: page(
              () => import('../pages/portal/PortalAssetPage.tsx'),
              (m) => <m.PortalAssetPage />,
            ),
          },
          {
            path: 'knowledge',
            lazy: page(
              () => import('../pages/portal/PortalKnowledgePage.tsx'),
              (m) => <m.PortalKnowledgePage />,
            ),
          },
          {
            path: 'knowledge/:id',
            lazy: page(
              () => import('../pages/knowledge/ArticleViewPage.tsx'),
              (m) => <m.ArticleViewPage base="/portal" />,
            ),
          },
          {
            path: 'follow-ups',
            lazy: page(
              () => import('../pages/portal/PortalFollowUpsPage.tsx'),
              (m) => <m.PortalFollowUpsPage />,
            ),
          },
          {
            path: 'returns',
            lazy: page(
              () => import('../pages/portal/PortalReturnsPage.tsx'),
              (m) => <m.PortalReturnsPage />,
            ),
          },
          {
            path: 'returns/:id',
            lazy: page(
              () => import('../pages/portal/PortalReturnPage.tsx'),
              (m) => <m.PortalReturnPage />,
            ),
          },
          {
            path: 'maintenance',
            lazy: page(
              () => import('../pages/portal/PortalMaintenancePage.tsx'),
              (m) => <m.PortalMaintenancePage />,
            ),
          },
          {
            path: 'analytics',
            lazy: page(
              () => import('../pages/portal/PortalAnalyticsPage.tsx'),
              (m) => <m.PortalAnalyticsPage />,
            ),
          },
          {
            path: 'reports',
            lazy: page(
              () => import('../pages/portal/PortalReportsPage.tsx'),
              (m) => <m.PortalReportsPage />,
            ),
          },
          {
            path: 'surveys',
            lazy: page(
              () => import('../pages/portal/PortalSurveysPage.tsx'),
              (m) => <m.PortalSurveysPage />,
            ),
          },
          {
            path: 'training',
            lazy: page(
              () => import('../pages/portal/PortalTrainingPage.tsx'),
              (m) => <m.PortalTrainingPage />,
            ),
          },
          {
            path: 'complaints',
            lazy: page(
              () => import('../pages/portal/PortalComplaintsPage.tsx'),
              (m) => <m.PortalComplaintsPage />,
            ),
          },
          {
            path: 'profile',
            lazy: page(
              () => import('../pages/auth/ProfilePage.tsx'),
              (m) => <m.ProfilePage />,
            ),
          },
          {
            path: '*',
            lazy: page(
              () => import('../pages/errors/NotFoundPage.tsx'),
              (m) => <m.NotFoundPage />,
            ),
          },
        ],
      },
      // A satisfaction survey's signed link: no login, outside the console and the portal.
      {
        path: '/s/:token',
        lazy: antPage(
          () => import('../pages/surveys/PublicSurveyPage.tsx'),
          (m) => <m.PublicSurveyPage />,
        ),
      },
      // Training without a login: the room's sign-in QR code, the trainee's exam link, the certificate check.
      {
        path: '/t/sign-in/:token',
        lazy: antPage(
          () => import('../pages/training/SignInPage.tsx'),
          (m) => <m.SignInPage />,
        ),
      },
      {
        path: '/t/exam/:token',
        lazy: antPage(
          () => import('../pages/training/ExamPage.tsx'),
          (m) => <m.ExamPage />,
        ),
      },
      {
        path: '/t/learn/:token',
        lazy: antPage(
          () => import('../pages/training/LearnPage.tsx'),
          (m) => <m.LearnPage />,
        ),
      },
      {
        path: '/t/verify/:code',
        lazy: antPage(
          () => import('../pages/training/VerifyPage.tsx'),
          (m) => <m.VerifyPage />,
        ),
      },
      // A QR label's scan page and a fault report's tracking link: no login, phone first.
      {
        path: '/q/:code',
        lazy: antPage(
          () => import('../pages/labels/ScanPage.tsx'),
          (m) => <m.ScanPage />,
        ),
      },
      {
        path: '/t/:token',
        lazy: antPage(
          () => import('../pages/labels/TrackingPage.tsx'),
          (m) => <m.TrackingPage />,
        ),
      },
      { path: '/index.html', element: <Navigate to="/" replace /> },
      {
        path: '*',
        lazy: antPage(
          () => import('../pages/errors/NotFoundPage.tsx'),
          (m) => <m.NotFoundPage standalone />,
        ),
      },
    ],
  },
]);
