// A contract's fee schedule (收费标准) and its cost rates: what a repair not covered costs, and what
// one charged "at cost" costs — in warranty a fault the product did not cause (篇4 g.7), and after the
// warranty when the contract gives lifetime repair at cost (终身成本价维修, 篇4 g.8).
import { App, Button, Card, Descriptions, Form, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TContract } from '../../../../common/registry-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useRegistryMutation } from './registry-query.ts';

export const FEE_FIELDS = ['labourRateFen', 'travelFeeFen', 'labourCostRateFen', 'travelCostFeeFen'] as const;
type FeeValues = Pick<TContract, (typeof FEE_FIELDS)[number] | 'lifetimeCostRepair'>;

// The form holds fen (as the API does) and shows yuan.
const asYuan = (v: number | null | undefined) => ({ value: v == null ? v : v / 100 });
const asFen = (v: number | null | undefined) => (v == null ? 0 : Math.round(v * 100));

/** The fee schedule's fields, in yuan, for the contract forms (names are the API's, in fen). */
export function FeeScheduleFields() {
  const { t } = useTranslation();
  return (
    <>
      {FEE_FIELDS.map((name) => (
        <Form.Item
          key={name}
          label={t(`contracts.fees.${name}`)}
          name={name}
          getValueProps={asYuan}
          normalize={asFen}
        >
          <InputNumber min={0} step={10} precision={2} style={{ width: 200 }} />
        </Form.Item>
      ))}
      <Form.Item
        label={t('contracts.fees.lifetimeCostRepair')}
        name="lifetimeCostRepair"
        valuePropName="checked"
        extra={t('contracts.fees.lifetimeHelp')}
      >
        <Switch />
      </Form.Item>
    </>
  );
}

const yuan = (fen: number, currency: string) =>
  `${(fen / 100).toLocaleString(undefined, { minimumFractionDigits: 2 })} ${currency}`;

/** The fee schedule of one contract, edited in place by those who manage contracts. */
export function ContractFeeSchedule({ contract, canEdit }: { contract: TContract; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FeeValues>();
  const save = useRegistryMutation<FeeValues>(
    'PATCH',
    () => `/api/v1/contracts/${contract.id}`,
    (v) => ({
      ...v,
      version: contract.version,
    }),
  );
  const initial: FeeValues = {
    labourRateFen: contract.labourRateFen,
    travelFeeFen: contract.travelFeeFen,
    labourCostRateFen: contract.labourCostRateFen,
    travelCostFeeFen: contract.travelCostFeeFen,
    lifetimeCostRepair: contract.lifetimeCostRepair,
  };
  return (
    <Card
      title={`${t('contracts.fees.title')} — ${contract.number}`}
      style={{ marginTop: 16 }}
      size="small"
      data-testid="contract-fees"
    >
      {canEdit ? (
        <Form
          key={`${contract.id}-${contract.version}`}
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={(v) =>
            save.mutate(v, {
              onSuccess: () => message.success(t('contracts.fees.saved')),
              onError: (err) => message.error(applyServerErrors(form, err)),
            })
          }
        >
          <FeeScheduleFields />
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      ) : (
        <Descriptions size="small" column={1}>
          {FEE_FIELDS.map((name) => (
            <Descriptions.Item key={name} label={t(`contracts.fees.${name}`)}>
              {yuan(contract[name], contract.currency)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('contracts.fees.lifetimeCostRepair')}>
            {contract.lifetimeCostRepair ? t('contracts.fees.yes') : t('contracts.fees.no')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
