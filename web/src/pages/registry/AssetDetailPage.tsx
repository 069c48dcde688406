import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ASSET_STATUSES, type TAsset } from '../../../../common/registry-api.ts';
import { ApiError } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { LabelPrintButton } from '../../features/labels/LabelPrintButton.tsx';
import { LabelReissueButton } from '../../features/labels/LabelReissueButton.tsx';
import { ArchiveTimeline } from '../../features/registry/ArchiveTimeline.tsx';
import { CoverageCard } from '../../features/registry/CoverageCard.tsx';
import { EquipmentTable } from '../../features/registry/EquipmentTable.tsx';
import { useAsset, useAssets, useRegistryMutation } from '../../features/registry/registry-query.ts';

export function AssetDetailPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const asset = useAsset(id);
  const children = useAssets({ parentId: id }, 200);
  if (!asset.data) return <Spin />;
  const a = asset.data;
  const canManage = me?.kind === 'staff' && me.permissions.includes('registry.manage');
  return (
    <>
      <h1 className="page-title">
        {a.productName} · {a.serial} <Tag>{t(`assetStatus.${a.status}`)}</Tag>
      </h1>
      <div style={{ display: 'grid', gap: 16 }}>
        <Card
          extra={
            canManage && (
              <Space wrap>
                <LabelPrintButton assetIds={[a.id]} />
                <LabelReissueButton assetId={a.id} />
                <EditAssetButton asset={a} />
                {a.status !== 'replaced' && a.status !== 'retired' && <ReplaceButton asset={a} base={base} />}
              </Space>
            )
          }
        >
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item
              label={t('assets.product')}
            >{`${a.productName} (${a.productModel})`}</Descriptions.Item>
            <Descriptions.Item label={t('assets.project')}>
              <Link to={`${base}/projects/${a.projectId}`}>{a.projectName}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('assets.location')}>{a.location ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('assets.parent')}>
              {a.parentId ? <Link to={`${base}/assets/${a.parentId}`}>{t('assets.openParent')}</Link> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('assets.installDate')}>{a.installDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('assets.acceptanceDate')}>
              {a.acceptanceDate ?? '—'}
            </Descriptions.Item>
            {Object.entries(a.attributes).map(([k, v]) => (
              <Descriptions.Item key={k} label={k}>
                {v === null ? '—' : String(v)}
              </Descriptions.Item>
            ))}
            {a.replacesId && (
              <Descriptions.Item label={t('assets.replaces')}>
                <Link to={`${base}/assets/${a.replacesId}`}>{t('assets.openReplaced')}</Link>
              </Descriptions.Item>
            )}
            {a.replacedById && (
              <Descriptions.Item label={t('assets.replacedBy')}>
                <Link to={`${base}/assets/${a.replacedById}`}>{t('assets.openReplacement')}</Link>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <CoverageCard assetId={a.id} />
        <Tabs
          items={[
            {
              key: 'archive',
              label: t('archive.title'),
              children: <ArchiveTimeline kind="assets" id={a.id} base={base} />,
            },
            {
              key: 'files',
              label: t('assets.photos'),
              children: <AssetFiles asset={a} canEdit={Boolean(canManage)} />,
            },
            {
              key: 'components',
              label: t('assets.components'),
              children: <EquipmentTable items={children.items} base={base} loading={children.isLoading} />,
            },
          ]}
        />
      </div>
    </>
  );
}

function ReplaceButton({ asset, base }: { asset: TAsset; base: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const replace = useRegistryMutation<Record<string, unknown>, TAsset>(
    'POST',
    () => `/api/v1/assets/${asset.id}/replace`,
  );
  return (
    <>
      <Button
        onClick={() => {
          form.resetFields();
          setOpen(true);
        }}
        data-testid="asset-replace"
      >
        {t('assets.replace')}
      </Button>
      <FormModal open={open} title={t('assets.replace')} form={form} onCancel={() => setOpen(false)}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            replace.mutate(
              {
                version: asset.version,
                serial: v.serial,
                reason: v.reason,
                replacedOn: v.replacedOn.format('YYYY-MM-DD'),
              },
              {
                onSuccess: (fresh) => {
                  setOpen(false);
                  navigate(`${base}/assets/${fresh.id}`);
                },
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item label={t('assets.newSerial')} name="serial" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('assets.replacedOn')} name="replacedOn" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('contracts.reason')} name="reason" rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}

function AssetFiles({ asset, canEdit }: { asset: TAsset; canEdit: boolean }) {
  const save = useRegistryMutation<string[]>(
    'PATCH',
    () => `/api/v1/assets/${asset.id}`,
    (ids) => ({
      version: asset.version,
      photoFileIds: ids,
    }),
  );
  return (
    <Attachments
      fileIds={asset.photoFileIds}
      customerId={asset.customerId}
      canEdit={canEdit}
      onChange={(ids) => save.mutateAsync(ids)}
    />
  );
}

function EditAssetButton({ asset }: { asset: TAsset }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const save = useRegistryMutation<Record<string, unknown>>('PATCH', () => `/api/v1/assets/${asset.id}`);
  const day = (d: { format(f: string): string } | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
  return (
    <>
      <Button
        onClick={() => {
          form.setFieldsValue({
            name: asset.name,
            location: asset.location,
            status: asset.status,
            installDate: asset.installDate ? dayjs(asset.installDate) : null,
            commissioningDate: asset.commissioningDate ? dayjs(asset.commissioningDate) : null,
            attributes: Object.entries(asset.attributes).map(([key, value]) => ({
              key,
              value: value === null ? '' : String(value),
            })),
          });
          setOpen(true);
        }}
        data-testid="asset-edit"
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
                version: asset.version,
                name: v.name || null,
                location: v.location || null,
                status: v.status,
                installDate: day(v.installDate),
                commissioningDate: day(v.commissioningDate),
                attributes: Object.fromEntries(
                  ((v.attributes ?? []) as { key: string; value?: string }[]).map((a) => [
                    a.key.trim(),
                    a.value ?? '',
                  ]),
                ),
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
          <Form.Item label={t('assets.name')} name="name">
            <Input />
          </Form.Item>
          <Form.Item label={t('assets.location')} name="location">
            <Input />
          </Form.Item>
          <Form.Item label={t('assets.status')} name="status">
            <Select options={ASSET_STATUSES.map((st) => ({ value: st, label: t(`assetStatus.${st}`) }))} />
          </Form.Item>
          <Form.Item label={t('assets.installDate')} name="installDate">
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('assets.commissioningDate')} name="commissioningDate">
            <DatePicker />
          </Form.Item>
          <Form.List name="attributes">
            {(fields, { add, remove }) => (
              <div>
                <div style={{ marginBottom: 8 }}>{t('assets.attributes')}</div>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'key']} rules={[{ required: true }]}>
                      <Input placeholder={t('assets.attributeName')} aria-label={t('assets.attributeName')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'value']}>
                      <Input
                        placeholder={t('assets.attributeValue')}
                        aria-label={t('assets.attributeValue')}
                      />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(field.name)}>
                      {t('common.remove')}
                    </Button>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} block>
                  {t('assets.addAttribute')}
                </Button>
              </div>
            )}
          </Form.List>
        </Form>
      </FormModal>
    </>
  );
}
