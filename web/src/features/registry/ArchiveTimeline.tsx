import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ARCHIVE_KINDS,
  archiveKindLabel,
  archiveText,
  groupArchiveEvents,
} from '../../../../common/archive-text.ts';
import type { TArchiveEvent } from '../../../../common/registry-api.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useArchive } from './registry-query.ts';

/** The service archive (服务档案) of a project or a piece of equipment, newest first. */
/** The record an archive event points at, when the app has a page for it. */
function linkOf(e: TArchiveEvent, base: string): string | null {
  if (e.refType === 'asset' && e.refId && e.refId !== e.assetId) return `${base}/assets/${e.refId}`;
  if (e.refType === 'project' && e.refId && e.refId !== e.projectId) return `${base}/projects/${e.refId}`;
  if (e.refType === 'return' && e.refId) return `${base}/returns/${e.refId}`;
  return null;
}

export function ArchiveTimeline({
  kind,
  id,
  base = '/console',
  formatTime,
}: {
  kind: 'projects' | 'assets';
  id: string;
  base?: string;
  /** How a moment is written (the portal: one line in the organisation's zone). */
  formatTime?: (iso: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const orgTime = useOrganisationTime();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [eventKind, setEventKind] = useState<string | undefined>();
  const list = useArchive(kind, id, { kind: eventKind });
  const groups = groupArchiveEvents(list.items);
  const sep = lang === 'en' ? ', ' : '、';
  return (
    <div data-testid="archive">
      <div className="toolbar">
        <Button
          icon={<FilePdfOutlined />}
          href={`/api/v1/${kind}/${id}/archive.pdf?lang=${i18n.language === 'en' ? 'en' : 'zh-CN'}`}
          data-testid="archive-pdf"
        >
          {t('archive.pdf')}
        </Button>
        <Select
          allowClear
          placeholder={t('archive.filterKind')}
          aria-label={t('archive.filterKind')}
          style={{ width: 220 }}
          onChange={setEventKind}
          options={ARCHIVE_KINDS.map((k) => ({ value: k, label: archiveKindLabel(k, lang) }))}
        />
      </div>
      {list.items.length === 0 && !list.isLoading ? (
        <Empty description={t('archive.empty')} />
      ) : (
        <Timeline
          items={groups.map(({ event: e, count, assets }) => ({
            key: e.id,
            children: (
              <div data-testid="archive-event">
                <Typography.Text strong>{archiveKindLabel(e.kind, lang)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {formatTime ? formatTime(e.occurredAt) : orgTime.dateTime(e.occurredAt)} · {e.actorLabel}
                </Typography.Text>
                {count > 1 && (
                  <div data-testid="archive-group">
                    <Typography.Text type="secondary">
                      {t('archive.many', { count, names: assets.join(sep) })}
                    </Typography.Text>
                  </div>
                )}
                {count === 1 && kind === 'projects' && e.assetLabel && (
                  <div>
                    <Typography.Text type="secondary">{e.assetLabel}</Typography.Text>
                  </div>
                )}
                <div>
                  {archiveText(e.kind, e.details, lang) ?? e.summary}
                  {linkOf(e, base) && (
                    <>
                      {' '}
                      <Link to={linkOf(e, base)!}>{t('archive.open')}</Link>
                    </>
                  )}
                </div>
              </div>
            ),
          }))}
        />
      )}
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </div>
  );
}
