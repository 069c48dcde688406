// Re-issue a lost or damaged label: the old code is revoked.

import { useMutation } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAssetLabel } from '../../../../common/labels-api.ts';
import { api } from '../../api/client.ts';

export function LabelReissueButton({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reissue = useMutation({
    mutationFn: () => api.post<TAssetLabel>(`/api/v1/assets/${assetId}/label/reissue`),
    onSuccess: () => void message.success(t('qr.reissued')),
    onError: (err) => void message.error(err.message),
  });
  return (
    <Popconfirm title={t('qr.reissueConfirm')} onConfirm={() => reissue.mutate()}>
      <Button loading={reissue.isPending} data-testid="label-reissue">
        {t('qr.reissue')}
      </Button>
    </Popconfirm>
  );
}
