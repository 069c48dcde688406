import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TWorkbench } from '../../../../../common/workbench-api.ts';
import { yuan } from '../../../features/role-dashboards/period.ts';
import { CountTile, TileRow } from './CountTile.tsx';

type Figures = NonNullable<TWorkbench['figures']>;
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/** This month's key figures of the caller's role dashboards (issue 19), each opening its dashboard. */
export function FiguresSection({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const { parts, quality, training } = figures;
  return (
    <Card title={t('roleDashboards.home.title')} data-testid="wb-figures">
      <TileRow>
        {parts && (
          <>
            <CountTile
              label={t('roleDashboards.home.consumed')}
              value={yuan(parts.consumedCostFen)}
              to="/console/parts-analysis"
              testId="wb-fig-parts-consumed"
            />
            <CountTile
              label={t('roleDashboards.home.warranty')}
              value={yuan(parts.warrantyCostFen)}
              to="/console/parts-analysis"
              testId="wb-fig-parts-warranty"
            />
            <CountTile
              label={t('roleDashboards.home.charged')}
              value={yuan(parts.chargedCostFen)}
              to="/console/parts-analysis"
              testId="wb-fig-parts-charged"
            />
            <CountTile
              label={t('roleDashboards.home.turns')}
              value={parts.turns ?? '—'}
              to="/console/parts-analysis"
              testId="wb-fig-parts-turns"
            />
          </>
        )}
        {quality && (
          <>
            <CountTile
              label={t('roleDashboards.home.openAlerts')}
              value={quality.openAlerts}
              to="/console/quality-analysis"
              testId="wb-fig-quality-alerts"
              danger={quality.yearAlerts > 0}
            />
            <CountTile
              label={t('roleDashboards.home.openCases')}
              value={quality.openCases}
              to="/console/quality-analysis"
              testId="wb-fig-quality-cases"
            />
            <CountTile
              label={t('roleDashboards.home.casesOver30Days')}
              value={quality.casesOver30Days}
              to="/console/quality-analysis"
              testId="wb-fig-quality-old"
              danger
            />
          </>
        )}
        {training && (
          <>
            <CountTile
              label={t('roleDashboards.home.sessions')}
              value={training.sessions}
              to="/console/training-analysis"
              testId="wb-fig-training-sessions"
            />
            <CountTile
              label={t('roleDashboards.home.attendance')}
              value={pct(training.attendancePercent)}
              to="/console/training-analysis"
              testId="wb-fig-training-attendance"
            />
            <CountTile
              label={t('roleDashboards.home.passRate')}
              value={pct(training.passPercent)}
              to="/console/training-analysis"
              testId="wb-fig-training-pass"
            />
            <CountTile
              label={t('roleDashboards.home.meanStars')}
              value={training.meanStars ?? '—'}
              to="/console/training-analysis"
              testId="wb-fig-training-stars"
            />
          </>
        )}
      </TileRow>
    </Card>
  );
}
