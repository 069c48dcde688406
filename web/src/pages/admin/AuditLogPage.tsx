import { DatePicker, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TAuditEntry } from '../../../../common/api.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useAuditLog } from '../../features/audit/audit-log-query.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';
import {
  actionText,
  type Change,
  changesOf,
  entityTypeText,
  recordLabel,
  recordPath,
  type ValueWords,
} from './audit-words.ts';

/** Record kinds offered in the filter, in the order people look for them. */
const ENTITY_TYPES = [
  'ticket',
  'work_order',
  'customer',
  'contact',
  'project',
  'contract',
  'asset',
  'product',
  'part',
  'stock_count',
  'stock_location',
  'user',
  'api_token',
  'sla_policy',
  'sla_calendar',
  'routing_rule',
  'webhook',
  'company_profile',
  'field_settings',
] as const;

/** The audit log read as "who did what to which record", each change by name. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const time = useOrganisationTime();
  const staff = useStaffDirectory({ staleTime: 60_000 });
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useAuditLog(filters);
  const words: ValueWords = {
    t,
    person: (id) => staff.data?.find((s) => s.id === id)?.displayName,
    dateTime: time.dateTime,
  };

  return (
    <>
      <h1 className="page-title">{t('nav.audit')}</h1>
      <div className="toolbar">
        <Select
          allowClear
          placeholder={t('audit.entityType')}
          aria-label={t('audit.entityType')}
          style={{ width: 180 }}
          onChange={(v?: string) => setFilters((f) => ({ ...f, entityType: v || undefined }))}
          options={ENTITY_TYPES.map((e) => ({ value: e, label: entityTypeText(t, e) }))}
          data-testid="audit-entity-filter"
        />
        <DatePicker.RangePicker
          aria-label={t('audit.period')}
          onChange={(range) =>
            setFilters((f) => ({
              ...f,
              from: range?.[0]?.startOf('day').toISOString(),
              to: range?.[1]?.endOf('day').toISOString(),
            }))
          }
        />
      </div>
      <Table<TAuditEntry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: string) => time.dateTime(v) },
          { title: t('audit.actor'), dataIndex: 'actorLabel', width: 160 },
          {
            title: t('audit.action'),
            key: 'action',
            width: 170,
            render: (_: unknown, e) => actionText(t, e),
          },
          {
            title: t('auditLog.record'),
            key: 'record',
            width: 220,
            render: (_: unknown, e) => <RecordLink entry={e} />,
          },
          {
            title: t('auditLog.changes'),
            key: 'changes',
            render: (_: unknown, e) => <Changes changes={changesOf(words, e)} />,
          },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}

function RecordLink({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  const kind = entityTypeText(t, entry.entityType);
  const label = recordLabel(entry);
  const path = recordPath(entry);
  const text = label ? `${kind} ${label}` : kind;
  return path ? (
    <Link to={path} data-testid="audit-record-link">
      {text}
    </Link>
  ) : (
    <span>{text}</span>
  );
}

const SHOWN = 4;

function Changes({ changes }: { changes: Change[] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (!changes.length) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = all ? changes : changes.slice(0, SHOWN);
  return (
    <ul className="audit-changes">
      {shown.map((c) => (
        <li key={c.field}>
          <Typography.Text type="secondary">{c.field}</Typography.Text>{' '}
          {c.before !== null && (
            <>
              <Typography.Text delete>{c.before}</Typography.Text> →{' '}
            </>
          )}
          {c.after ?? t('auditLog.cleared')}
        </li>
      ))}
      {!all && changes.length > SHOWN && (
        <li>
          <Typography.Link onClick={() => setAll(true)}>
            {t('auditLog.more', { count: changes.length - SHOWN })}
          </Typography.Link>
        </li>
      )}
    </ul>
  );
}
