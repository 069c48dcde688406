import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useArchive } from './registry-query.ts';

/** The service archive (服务档案) of a project or a piece of equipment, newest first. */
export function ArchiveTimeline({ kind, id }: { kind: 'projects' | 'assets'; id: string }) {
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
                <div>{e.summary}</div>
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
