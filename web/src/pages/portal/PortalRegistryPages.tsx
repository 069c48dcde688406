import { Empty, Input, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useAssets, useProjects } from '../../features/registry/registry-query.ts';
import { AssetCards } from './AssetCards.tsx';

/** The customer's projects as cards: name, address, status. */
export function PortalProjectsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useProjects({ q: q || undefined });
  return (
    <>
      <h1 className="page-title">{t('nav.projects')}</h1>
      <div className="portal-filters">
        <Input.Search
          allowClear
          placeholder={t('portal.searchProjects')}
          aria-label={t('portal.searchProjects')}
          onSearch={setQ}
        />
      </div>
      {list.isLoading ? (
        <Spin />
      ) : list.items.length === 0 ? (
        <Empty description={t('portal.noProjects')} />
      ) : (
        <div className="portal-cards" data-testid="portal-project-cards">
          {list.items.map((p) => (
            <Link
              key={p.id}
              to={`/portal/projects/${p.id}`}
              className="portal-card"
              data-testid="portal-project-card"
            >
              <div className="portal-card-head">
                <b className="portal-card-title">{p.name}</b>
                <Tag>{t(`projectStatus.${p.status}`)}</Tag>
              </div>
              {p.address && <div className="portal-card-meta">{p.address}</div>}
            </Link>
          ))}
        </div>
      )}
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}

/** The customer's equipment as cards: name and location first, project, serial and acceptance after. */
export function PortalAssetsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useAssets({ q: q || undefined });
  return (
    <>
      <h1 className="page-title">{t('nav.equipment')}</h1>
      <div className="portal-filters">
        <Input.Search
          allowClear
          placeholder={t('portal.devicePlaceholder')}
          aria-label={t('portal.devicePlaceholder')}
          onSearch={setQ}
          data-testid="asset-search"
        />
      </div>
      {list.isLoading ? (
        <Spin />
      ) : list.items.length === 0 ? (
        <Empty description={t('portal.noDevice')} />
      ) : (
        <AssetCards items={list.items} />
      )}
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}
