import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { archiveText } from '../../../../common/archive-text.ts';
import type { TArchiveEvent } from '../../../../common/registry-api.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useArchive } from './registry-query.ts';

/** The service archive (服务档案) of a project or a piece of equipment, newest first. */
/** The record an archive event points at, when the app has a page for it. */
function linkOf(e: TArchiveEvent, base: string): string | null {
  if (e.refType === 'asset' && e.refId && e.refId !== e.assetId) return `${base}/assets/${e.refId}`;
  if (e.refType === 'project' && e.refId && e.refId !== e.projectId) return `${base}/projects/${e.refId}`;
  return null;
}

export function ArchiveTimeline({
  kind,
  id,
  base = '/console',
}: {
  kind: 'projects' | 'assets';
  id: string;
  base?: string;
}) {
  const { t, i18n } = useTranslation();
  const [eventKind, setEventKind] = useState<string | undefined>();
  const list = useArchive(kind, id, { kind: eventKind });
  const kinds = [
    'registry.asset-registered',
    'registry.acceptance',
    'registry.asset-accepted',
    'registry.asset-replaced',
    'registry.contract',
  ];
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
          options={kinds.map((k) => ({
            value: k,
            label: t(`archive.kinds.${k.replace('registry.', '')}`, { defaultValue: k }),
          }))}
        />
      </div>
      {list.items.length === 0 && !list.isLoading ? (
        <Empty description={t('archive.empty')} />
      ) : (
        <Timeline
          items={list.items.map((e) => ({
            key: e.id,
            children: (
              <div>
                <Typography.Text strong>
                  {t(`archive.kinds.${e.kind.replace('registry.', '')}`, { defaultValue: e.kind })}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {new Date(e.occurredAt).toLocaleString(i18n.language)} · {e.actorLabel}
                </Typography.Text>
                <div>
                  {archiveText(e.kind, e.details, i18n.language === 'en' ? 'en' : 'zh-CN') ?? e.summary}
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
