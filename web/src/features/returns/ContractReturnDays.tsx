import { App, Button, Card, InputNumber, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TContract } from '../../../../common/registry-api.ts';
import { useRegistryMutation } from '../registry/registry-query.ts';

/**
 * The days after delivery within which the contract allows a return (篇3 5), changed on an existing
 * contract: the PATCH names only this field (and the version), so nothing else of the contract moves.
 */
export function ContractReturnDays({ contract, canEdit }: { contract: TContract; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [days, setDays] = useState<number | null>(contract.returnDays);
  useEffect(() => setDays(contract.returnDays), [contract.returnDays]);
  const save = useRegistryMutation<number | null>(
    'PATCH',
    () => `/api/v1/contracts/${contract.id}`,
    (returnDays) => ({ version: contract.version, returnDays }),
  );
  return (
    <Card title={`${t('returns.contractDays')} — ${contract.number}`} style={{ marginTop: 16 }} size="small">
      <p style={{ color: '#555', marginTop: 0 }}>{t('returns.contractDaysHelp')}</p>
      {canEdit ? (
        <Space wrap>
          <InputNumber
            min={0}
            max={3650}
            precision={0}
            value={days}
            placeholder={t('returns.contractDaysDefault')}
            onChange={(v) => setDays(v ?? null)}
            aria-label={t('returns.contractDays')}
            data-testid="contract-return-days"
          />
          <Button
            type="primary"
            loading={save.isPending}
            disabled={days === contract.returnDays}
            data-testid="contract-return-days-save"
            onClick={() =>
              save.mutate(days, {
                onSuccess: () => message.success(t('returns.contractDaysSaved')),
                onError: (err) => message.error(err instanceof Error ? err.message : String(err)),
              })
            }
          >
            {t('returns.contractDaysSave')}
          </Button>
        </Space>
      ) : (
        <span data-testid="contract-return-days-value">
          {contract.returnDays ?? t('returns.contractDaysDefault')}
        </span>
      )}
    </Card>
  );
}
