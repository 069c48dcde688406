// The engineer scans the equipment's label on site: with the phone camera where the browser has a
// BarcodeDetector, else a keyboard-wedge scanner or typing into the field (Enter sends): the shared
// ScanInput. The scan is recorded on the work order beside the check-in, as evidence of presence.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { ScanInput } from '../../components/ScanInput.tsx';
import { workOrdersKey } from '../field/work-orders-query.ts';

/** The label code in what was scanned: the code itself or the label's address (…/q/CODE). */
export function labelCodeOf(scanned: string): string {
  const text = scanned.trim();
  const fromUrl = /\/q\/([0-9A-Za-z]+)\/?$/.exec(text);
  return (fromUrl?.[1] ?? text).toUpperCase();
}

export function EquipmentScanCard({
  workOrderId,
  scans,
  formatTime,
}: {
  workOrderId: string;
  scans: { at: string; onThisWorkOrder: boolean }[];
  formatTime: (iso: string) => string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const scan = useMutation({
    mutationFn: (code: string) =>
      api.post<{ onThisWorkOrder: boolean }>(`/api/v1/work-orders/${workOrderId}/scan`, { code }),
    onSuccess: () => client.invalidateQueries({ queryKey: [workOrdersKey, 'one', workOrderId] }),
  });
  const send = (text: string) => {
    const code = labelCodeOf(text);
    if (code) scan.mutate(code);
  };
  return (
    <Card size="small" title={t('qr.scanLabel')} data-testid="equipment-scan">
      <p style={{ fontSize: 13, marginTop: 0 }}>{t('qr.scanHelp')}</p>
      <ScanInput onScan={send} placeholder={t('qr.scanInput')} testId="equipment-scan-input" />
      {scan.data && (
        <Alert
          style={{ marginTop: 8 }}
          type={scan.data.onThisWorkOrder ? 'success' : 'warning'}
          message={t(scan.data.onThisWorkOrder ? 'qr.scanOk' : 'qr.scanOther')}
          data-testid="equipment-scan-result"
        />
      )}
      {scans.length > 0 && (
        <div style={{ marginTop: 8, fontSize: 13 }} data-testid="equipment-scans">
          {t('qr.scans')}:
          {scans.map((s) => (
            <div key={s.at}>
              {formatTime(s.at)} · {t(s.onThisWorkOrder ? 'qr.scanOk' : 'qr.scanOther')}
            </div>
          ))}
        </div>
      )}
      {scan.error && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          message={
            scan.error instanceof ApiError && scan.error.status === 422
              ? t('qr.notFound')
              : scan.error.message
          }
        />
      )}
    </Card>
  );
}
