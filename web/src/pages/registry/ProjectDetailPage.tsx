import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  ACCEPTANCE_KINDS,
  CONTRACT_KINDS,
  PROJECT_STATUSES,
  type TContract,
  type TProject,
} from '../../../../common/registry-api.ts';
import { ApiError } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { LabelPrintButton } from '../../features/labels/LabelPrintButton.tsx';
import { ArchiveTimeline } from '../../features/registry/ArchiveTimeline.tsx';
import { ContractFeeSchedule, FeeScheduleFields } from '../../features/registry/ContractFeeSchedule.tsx';
import { EquipmentTable } from '../../features/registry/EquipmentTable.tsx';
import {
  useAcceptanceRecords,
  useAssets,
  useContracts,
  useDepositEntries,
  useProducts,
  useProject,
  useRegistryMutation,
} from '../../features/registry/registry-query.ts';
import { ContractReturnDays } from '../../features/returns/ContractReturnDays.tsx';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';
import { AssetCards } from '../portal/AssetCards.tsx';
import { usePortalDate } from '../portal/portal-dates.ts';

export const money = (fen: number, currency = 'CNY') =>
  `${(fen / 100).toLocaleString(undefined, { minimumFractionDigits: 2 })} ${currency}`;
const day = (d: { format(f: string): string } | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export function ProjectDetailPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const project = useProject(id);
  const assets = useAssets({ projectId: id }, 200);
  const canManage = me?.kind === 'staff' && me.permissions.includes('registry.manage');
  // Time zone and coordinates are the service department's data, not shown in the portal.
  const staffView = base === '/console';
  const portalDate = usePortalDate();
  if (!project.data) return <Spin />;
  const p = project.data;
  return (
    <>
      <h1 className="page-title">
        {p.name} <Tag>{t(`projectStatus.${p.status}`)}</Tag>
      </h1>
      <Tabs
        items={[
          {
            key: 'overview',
            label: t('projects.overview'),
            children: (
              <Card extra={canManage && <EditProjectButton project={p} />}>
                <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
                  <Descriptions.Item label={t('projects.code')}>{p.code}</Descriptions.Item>
                  {staffView && (
                    <Descriptions.Item label={t('projects.customer')}>{p.customerName}</Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('projects.address')}>{p.address ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('projects.region')}>{p.region ?? '—'}</Descriptions.Item>
                  {staffView && (
                    <Descriptions.Item label={t('projects.timeZone')}>{p.timeZone}</Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('projects.status')}>
                    {t(`projectStatus.${p.status}`)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('projects.engineers')}>
                    <EngineerNames ids={p.engineerIds} />
                  </Descriptions.Item>
                  {staffView && (
                    <Descriptions.Item label={t('projects.coordinates')}>
                      {p.latitude !== null && p.longitude !== null ? `${p.latitude}, ${p.longitude}` : '—'}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <h3 style={{ marginTop: 16 }}>{t('projects.emergencyPlan')}</h3>
                <EmergencyPlan project={p} canEdit={Boolean(canManage)} />
              </Card>
            ),
          },
          {
            key: 'equipment',
            label: t('projects.equipment'),
            children: (
              <>
                {canManage && (
                  <div className="toolbar">
                    <AddAssetButton projectId={p.id} parents={assets.items.filter((a) => !a.parentId)} />
                    <LabelPrintButton projectId={p.id} />
                  </div>
                )}
                {staffView ? (
                  <EquipmentTable items={assets.items} base={base} loading={assets.isLoading} />
                ) : (
                  <AssetCards items={assets.items} showProject={false} />
                )}
                <LoadMore
                  hasMore={Boolean(assets.hasNextPage)}
                  loading={assets.isFetchingNextPage}
                  onClick={() => assets.fetchNextPage()}
                />
              </>
            ),
          },
          ...(me?.permissions.includes('contracts.read')
            ? [
                {
                  key: 'contracts',
                  label: t('projects.contracts'),
                  children: <ContractsTab projectId={p.id} canManage={canManage ?? false} />,
                },
              ]
            : []),
          {
            key: 'acceptance',
            label: t('projects.acceptance'),
            children: <AcceptanceTab projectId={p.id} canManage={canManage ?? false} />,
          },
          {
            key: 'archive',
            label: t('archive.title'),
            children: (
              <ArchiveTimeline
                kind="projects"
                id={p.id}
                base={base}
                formatTime={staffView ? undefined : portalDate}
              />
            ),
          },
        ]}
      />
    </>
  );
}

function AddAssetButton({
  projectId,
  parents,
}: {
  projectId: string;
  parents: { id: string; serial: string }[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [productQ, setProductQ] = useState('');
  const products = useProducts({ q: productQ || undefined });
  const create = useRegistryMutation<Record<string, unknown>>('POST', () => '/api/v1/assets');
  return (
    <div className="toolbar">
      <Button
        icon={<PlusOutlined />}
        onClick={() => {
          form.resetFields();
          setOpen(true);
        }}
        data-testid="asset-new"
      >
        {t('assets.new')}
      </Button>
      <FormModal open={open} title={t('assets.new')} form={form} onCancel={() => setOpen(false)}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate(
              { ...v, projectId, installDate: day(v.installDate) },
              {
                onSuccess: () => setOpen(false),
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item label={t('assets.product')} name="productId" rules={[{ required: true }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setProductQ }}
              options={products.items.map((p) => ({ value: p.id, label: `${p.model} ${p.name}` }))}
            />
          </Form.Item>
          <Form.Item label={t('assets.serial')} name="serial" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('assets.parent')} name="parentId">
            <Select allowClear options={parents.map((a) => ({ value: a.id, label: a.serial }))} />
          </Form.Item>
          <Form.Item label={t('assets.location')} name="location">
            <Input />
          </Form.Item>
          <Form.Item label={t('assets.installDate')} name="installDate">
            <DatePicker />
          </Form.Item>
        </Form>
      </FormModal>
    </div>
  );
}

function ContractsTab({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const contracts = useContracts(projectId);
  const [selected, setSelected] = useState<TContract | null>(null);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useRegistryMutation<Record<string, unknown>>('POST', () => '/api/v1/contracts');
  const canContract = canManage && me?.permissions.includes('contracts.manage');
  return (
    <>
      {canContract && (
        <div className="toolbar">
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setOpen(true);
            }}
          >
            {t('contracts.new')}
          </Button>
        </div>
      )}
      <Table<TContract>
        rowKey="id"
        size="small"
        dataSource={contracts.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        onRow={(c) => ({ onClick: () => setSelected(c), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('contracts.number'), dataIndex: 'number' },
          { title: t('contracts.kind'), dataIndex: 'kind', render: (k: string) => t(`contractKinds.${k}`) },
          { title: t('contracts.startDate'), dataIndex: 'startDate' },
          { title: t('contracts.warrantyMonths'), dataIndex: 'warrantyMonths' },
          {
            title: t('contracts.depositBalance'),
            dataIndex: 'depositBalanceFen',
            render: (v: number, c) => money(v, c.currency),
          },
        ]}
      />
      {selected && (
        <ContractDetails
          contract={contracts.data?.find((c) => c.id === selected.id) ?? selected}
          canEdit={Boolean(canContract)}
        />
      )}
      <FormModal open={open} title={t('contracts.new')} form={form} onCancel={() => setOpen(false)}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            kind: 'supply_install',
            warrantyMonths: 12,
            latentDefectMonths: 24,
            labourRateFen: 0,
            travelFeeFen: 0,
            labourCostRateFen: 0,
            travelCostFeeFen: 0,
            lifetimeCostRepair: false,
          }}
          onFinish={(v) =>
            create.mutate(
              {
                ...v,
                projectId,
                startDate: day(v.startDate),
                endDate: day(v.endDate) ?? null,
                depositAmountFen: Math.round((v.deposit ?? 0) * 100),
                deposit: undefined,
              },
              {
                onSuccess: () => setOpen(false),
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item label={t('contracts.number')} name="number" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('contracts.kind')} name="kind">
            <Select options={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`contractKinds.${k}`) }))} />
          </Form.Item>
          <Form.Item label={t('contracts.startDate')} name="startDate" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('contracts.endDate')} name="endDate">
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('contracts.warrantyMonths')} name="warrantyMonths">
            <InputNumber min={0} max={240} />
          </Form.Item>
          <Form.Item label={t('contracts.latentMonths')} name="latentDefectMonths">
            <InputNumber min={0} max={240} />
          </Form.Item>
          <Form.Item
            label={t('returns.contractDays')}
            name="returnDays"
            extra={t('returns.contractDaysHelp')}
          >
            <InputNumber min={0} max={3650} precision={0} />
          </Form.Item>
          <Form.Item label={t('contracts.deposit')} name="deposit">
            <InputNumber min={0} step={100} style={{ width: 200 }} />
          </Form.Item>
          <FeeScheduleFields />
        </Form>
      </FormModal>
    </>
  );
}

function DepositLedger({ contract }: { contract: TContract }) {
  const { t } = useTranslation();
  const orgTime = useOrganisationTime();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const entries = useDepositEntries(contract.id);
  const [form] = Form.useForm();
  const post = useRegistryMutation<Record<string, unknown>>(
    'POST',
    () => `/api/v1/contracts/${contract.id}/deposit-entries`,
  );
  const canPost = me?.kind === 'staff' && me.permissions.includes('contracts.manage');
  const canApprove = me?.permissions.includes('deposits.approve');
  return (
    <Card title={`${t('contracts.ledger')} — ${contract.number}`} style={{ marginTop: 16 }} size="small">
      <Table
        rowKey="id"
        size="small"
        dataSource={entries.data ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'createdAt',
            render: (v: string) => orgTime.dateTime(v),
          },
          {
            title: t('contracts.entryKind'),
            dataIndex: 'kind',
            render: (k: string) => t(`depositKinds.${k}`),
          },
          {
            title: t('contracts.amount'),
            dataIndex: 'amountFen',
            render: (v: number) => money(v, contract.currency),
          },
          {
            title: t('contracts.balanceAfter'),
            dataIndex: 'balanceAfterFen',
            render: (v: number) => money(v, contract.currency),
          },
          { title: t('contracts.reason'), dataIndex: 'reason' },
        ]}
      />
      {canPost && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          initialValues={{ kind: 'deposit' }}
          onFinish={(v) =>
            post.mutate(
              { kind: v.kind, amountFen: Math.round(v.amount * 100), reason: v.reason },
              {
                onSuccess: () => form.resetFields(),
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item name="kind">
            <Select
              aria-label={t('contracts.entryKind')}
              style={{ width: 120 }}
              options={['deposit', ...(canApprove ? ['deduction', 'release'] : [])].map((k) => ({
                value: k,
                label: t(`depositKinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="amount" rules={[{ required: true }]}>
            <InputNumber
              aria-label={t('contracts.amount')}
              placeholder={t('contracts.amount')}
              min={0.01}
              step={100}
            />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true }]}>
            <Input aria-label={t('contracts.reason')} placeholder={t('contracts.reason')} />
          </Form.Item>
          <Button htmlType="submit" loading={post.isPending}>
            {t('contracts.post')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function AcceptanceTab({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const records = useAcceptanceRecords(projectId);
  const [form] = Form.useForm();
  const record = useRegistryMutation<Record<string, unknown>>(
    'POST',
    () => `/api/v1/projects/${projectId}/acceptance-records`,
  );
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        dataSource={records.data ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('acceptance.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`acceptanceKinds.${k}`),
          },
          { title: t('acceptance.performedOn'), dataIndex: 'performedOn' },
          { title: t('acceptance.certificate'), dataIndex: 'certificateNumber' },
          { title: t('acceptance.signedBy'), dataIndex: 'signedByName' },
        ]}
      />
      {canManage && (
        <Card title={t('acceptance.record')} size="small" style={{ marginTop: 16, maxWidth: 560 }}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ kind: 'acceptance' }}
            onFinish={(v) =>
              record.mutate(
                { ...v, performedOn: day(v.performedOn), checklist: [], testResults: [] },
                {
                  onSuccess: (r) => {
                    form.resetFields();
                    message.success(
                      t('acceptance.done', { count: (r as { acceptedAssets: number }).acceptedAssets }),
                    );
                  },
                  onError: (err) => message.error(applyServerErrors(form, err)),
                },
              )
            }
          >
            <Form.Item label={t('acceptance.kind')} name="kind">
              <Select
                options={ACCEPTANCE_KINDS.map((k) => ({ value: k, label: t(`acceptanceKinds.${k}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('acceptance.performedOn')} name="performedOn" rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item label={t('acceptance.certificate')} name="certificateNumber">
              <Input />
            </Form.Item>
            <Form.Item label={t('acceptance.signedBy')} name="signedByName">
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={record.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}

function EngineerNames({ ids }: { ids: string[] }) {
  const { data: me } = useMe();
  const staff = useStaffDirectory({
    enabled: Boolean(ids.length && me?.permissions.includes('registry.manage')),
    staleTime: 300_000,
  });
  if (!ids.length) return <>—</>;
  const names = ids.map((id) => staff.data?.find((u) => u.id === id)?.displayName ?? '…');
  return <>{names.join('、')}</>;
}

function EmergencyPlan({ project, canEdit }: { project: TProject; canEdit: boolean }) {
  const save = useRegistryMutation<string[]>(
    'PATCH',
    () => `/api/v1/projects/${project.id}`,
    (ids) => ({
      version: project.version,
      emergencyPlanFileId: ids[0] ?? null,
    }),
  );
  return (
    <Attachments
      fileIds={project.emergencyPlanFileId ? [project.emergencyPlanFileId] : []}
      customerId={project.customerId}
      canEdit={canEdit}
      max={1}
      onChange={(ids) => save.mutateAsync(ids)}
    />
  );
}

function EditProjectButton({ project }: { project: TProject }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const staff = useStaffDirectory({ enabled: open, staleTime: 300_000 });
  const save = useRegistryMutation<Record<string, unknown>>('PATCH', () => `/api/v1/projects/${project.id}`);
  return (
    <>
      <Button
        onClick={() => {
          form.setFieldsValue(project);
          setOpen(true);
        }}
        data-testid="project-edit"
      >
        {t('common.edit')}
      </Button>
      <FormModal open={open} title={t('common.edit')} form={form} onCancel={() => setOpen(false)}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutate(
              {
                version: project.version,
                name: v.name,
                address: v.address || null,
                region: v.region || null,
                status: v.status,
                timeZone: v.timeZone,
                latitude: v.latitude ?? null,
                longitude: v.longitude ?? null,
                engineerIds: v.engineerIds ?? [],
              },
              {
                onSuccess: () => setOpen(false),
                onError: (err) =>
                  message.error(
                    err instanceof ApiError && err.status === 409
                      ? t('common.staleVersion')
                      : applyServerErrors(form, err),
                  ),
              },
            )
          }
        >
          <Form.Item label={t('projects.name')} name="name" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('projects.address')} name="address">
            <Input />
          </Form.Item>
          <Form.Item label={t('projects.region')} name="region">
            <Input />
          </Form.Item>
          <Form.Item label={t('projects.status')} name="status">
            <Select
              options={PROJECT_STATUSES.map((st) => ({ value: st, label: t(`projectStatus.${st}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('projects.timeZone')} name="timeZone">
            <Input />
          </Form.Item>
          <Space>
            <Form.Item label={t('projects.latitude')} name="latitude">
              <InputNumber min={-90} max={90} step={0.0001} />
            </Form.Item>
            <Form.Item label={t('projects.longitude')} name="longitude">
              <InputNumber min={-180} max={180} step={0.0001} />
            </Form.Item>
          </Space>
          <Form.Item label={t('projects.engineers')} name="engineerIds" extra={t('projects.engineersHelp')}>
            <Select
              mode="multiple"
              loading={staff.isLoading}
              options={(staff.data ?? [])
                .filter((u) => u.roles.some((r) => r === 'field_engineer' || r === 'support_engineer'))
                .map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}

function ContractDetails({ contract, canEdit }: { contract: TContract; canEdit: boolean }) {
  const { t } = useTranslation();
  const save = useRegistryMutation<string[]>(
    'PATCH',
    () => `/api/v1/contracts/${contract.id}`,
    (ids) => ({
      version: contract.version,
      documentFileIds: ids,
    }),
  );
  return (
    <>
      <Card title={`${t('contracts.documents')} — ${contract.number}`} style={{ marginTop: 16 }} size="small">
        <Attachments
          fileIds={contract.documentFileIds}
          customerId={contract.customerId}
          canEdit={canEdit}
          onChange={(ids) => save.mutateAsync(ids)}
        />
      </Card>
      <ContractFeeSchedule contract={contract} canEdit={canEdit} />
      <ContractReturnDays contract={contract} canEdit={canEdit} />
      <DepositLedger contract={contract} />
    </>
  );
}
