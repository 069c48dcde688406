import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Descriptions, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TReturnDetail } from '../../../../common/returns-api.ts';
import { Attachments } from '../files/Attachments.tsx';
import { ReturnStatusTag } from './ReturnStatusTag.tsx';

/** The return form's facts (退货单: product, reason, inspection, decision) and its timeline. */
export function ReturnFacts({
  r,
  format,
}: {
  r: TReturnDetail;
  format: (iso: string | null | undefined) => string;
}) {
  const { t, i18n } = useTranslation();
  const i = r.inspection;
  const yn = (b: boolean) => (b ? t('returns.inspection.yes') : t('returns.inspection.no'));
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <>
      <Descriptions column={1} size="small" bordered data-testid="return-facts">
        <Descriptions.Item label={t('returns.status')}>
          <ReturnStatusTag status={r.status} />
          {r.outcome && <span data-testid="return-outcome">{t(`returns.outcomes.${r.outcome}`)}</span>}
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.customer')}>{r.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('returns.project')}>{r.projectName}</Descriptions.Item>
        <Descriptions.Item label={t('returns.product')}>
          {r.productName} ({r.productModel})
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.serial')}>{r.serial}</Descriptions.Item>
        <Descriptions.Item label={t('returns.requestedAt')}>
          {format(r.createdAt)} · {r.requestedByName}
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.deadline')}>
          {r.windowStart
            ? t('returns.windowText', { start: r.windowStart, days: r.allowedDays, deadline: r.deadline })
            : t('returns.windowNotStarted', { days: r.allowedDays })}
          {r.overrideReason && (
            <div>{t('returns.overriddenBy', { name: r.overrideByName ?? '', reason: r.overrideReason })}</div>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.reason')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{r.reason}</span>
        </Descriptions.Item>
        {r.photoFileIds.length > 0 && (
          <Descriptions.Item label={t('returns.photos')}>
            <Attachments
              fileIds={r.photoFileIds}
              customerId={r.customerId}
              canEdit={false}
              onChange={async () => {}}
            />
          </Descriptions.Item>
        )}
        {i && (
          <Descriptions.Item label={t('returns.inspection.title')}>
            <div>
              {t('returns.inspection.condition')}: {t(`returns.inspection.conditions.${i.condition}`)} ·{' '}
              {t('returns.inspection.packaging')}: {t(`returns.inspection.packagings.${i.packaging}`)}
            </div>
            <div>
              {t('returns.inspection.humanDamage')}: {yn(i.humanDamage)}
            </div>
            <div>
              {t('returns.inspection.cannotUse')}: {yn(i.cannotUse)}
            </div>
            <div style={{ whiteSpace: 'pre-wrap' }}>
              {t('returns.inspection.opinion')}: {i.opinion}
            </div>
            {i.photoFileIds.length > 0 && (
              <div data-testid="return-inspection-photos">
                <Attachments
                  fileIds={i.photoFileIds}
                  customerId={r.customerId}
                  canEdit={false}
                  onChange={async () => {}}
                />
              </div>
            )}
            <div style={{ color: '#4b5563' }}>
              {t('returns.inspection.by', { name: i.inspectedByName, time: format(i.inspectedAt) })}
            </div>
          </Descriptions.Item>
        )}
        {r.decidedAt && (
          <Descriptions.Item label={t('returns.decision.title')}>
            {r.decisionReason && <div style={{ whiteSpace: 'pre-wrap' }}>{r.decisionReason}</div>}
            <div style={{ color: '#4b5563' }}>
              {t('returns.decision.by', { name: r.decidedByName ?? '', time: format(r.decidedAt) })}
            </div>
          </Descriptions.Item>
        )}
        {r.stock && (
          <Descriptions.Item label={t('returns.receipt.title')}>
            <span data-testid="return-stock">
              {t('returns.receipt.done', {
                location: r.stock.locationName,
                part: r.stock.partNumber,
                condition: t(`returns.receipt.conditions.${r.stock.condition}`),
              })}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <div style={{ margin: '12px 0' }}>
        <Button
          icon={<FilePdfOutlined />}
          href={`/api/v1/returns/${r.id}/pdf?lang=${lang}`}
          data-testid="return-pdf"
        >
          {t('returns.pdf')}
        </Button>
      </div>
      <h2 style={{ fontSize: 16 }}>{t('returns.timeline')}</h2>
      <Timeline
        data-testid="return-timeline"
        items={r.events.map((e) => ({
          children: (
            <div>
              <b>{t(`returns.events.${e.kind}`)}</b>
              {e.kind === 'inspected' && ` → ${t(`returns.statuses.${e.status}`)}`} · {format(e.at)} ·{' '}
              {e.actorName}
              {e.note && <div style={{ whiteSpace: 'pre-wrap', color: '#4b5563' }}>{e.note}</div>}
            </div>
          ),
        }))}
      />
    </>
  );
}
