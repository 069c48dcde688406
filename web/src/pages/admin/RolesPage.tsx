import { CheckOutlined } from '@ant-design/icons';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type TPermission } from '../../../../common/roles.ts';
import { useRoles } from '../../features/users/roles-query.ts';

export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const rows = PERMISSIONS.map((p) => ({ permission: p }));
  return (
    <>
      <h1 className="page-title">{t('nav.roles')}</h1>
      <Table
        rowKey="permission"
        size="small"
        loading={roles.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1200 }}
        columns={[
          {
            title: t('roles.permission'),
            dataIndex: 'permission',
            fixed: 'left',
            width: 200,
            render: (p: string) => (
              // The permission's code (what the API and the docs name) is in the tooltip only.
              <span title={p}>{t(`permissions.${p}`)}</span>
            ),
          },
          ...(roles.data ?? []).map((r) => ({
            title: t(`roles.${r.role}`),
            key: r.role,
            width: 90,
            align: 'center' as const,
            render: (_: unknown, row: { permission: TPermission }) =>
              r.permissions.includes(row.permission) ? (
                <CheckOutlined aria-label={t('roles.granted')} style={{ color: '#15803d' }} />
              ) : null,
          })),
        ]}
      />
    </>
  );
}
