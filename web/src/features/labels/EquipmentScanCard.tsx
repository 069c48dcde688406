// The engineer scans the equipment's label on site: with the phone camera where the browser has a
// BarcodeDetector, else a keyboard-wedge scanner or typing into the field (Enter sends). The scan is
// recorded on the work order beside the check-in, as evidence of presence.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { workOrdersKey } from '../field/work-orders-query.ts';

interface DetectedCode {
  rawValue: string;
}
interface Detector {
  detect(source: HTMLVideoElement): Promise<DetectedCode[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

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
  const [value, setValue] = useState('');
  const [camera, setCamera] = useState(false);
  const scan = useMutation({
    mutationFn: (code: string) =>
      api.post<{ onThisWorkOrder: boolean }>(`/api/v1/work-orders/${workOrderId}/scan`, { code }),
    onSuccess: () => client.invalidateQueries({ queryKey: [workOrdersKey, 'one', workOrderId] }),
  });
  const send = (text: string) => {
    const code = labelCodeOf(text);
    if (code) scan.mutate(code);
    setValue('');
  };
  const Detector = (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return (
    <Card size="small" title={t('qr.scanLabel')} data-testid="equipment-scan">
      <p style={{ fontSize: 13, marginTop: 0 }}>{t('qr.scanHelp')}</p>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="large"
          value={value}
          placeholder={t('qr.scanInput')}
          aria-label={t('qr.scanInput')}
          onChange={(e) => setValue(e.target.value)}
          onPressEnter={() => send(value)}
          data-testid="equipment-scan-input"
        />
        {Detector && (
          <Button size="large" onClick={() => setCamera((c) => !c)}>
            {camera ? t('qr.scanStop') : t('qr.scanCamera')}
          </Button>
        )}
      </Space.Compact>
      {camera && Detector && (
        <CameraScan
          Detector={Detector}
          onCode={(text) => {
            setCamera(false);
            send(text);
          }}
        />
      )}
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

function CameraScan({ Detector, onCode }: { Detector: DetectorClass; onCode: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Detector({ formats: ['qr_code'] });
    const look = async () => {
      if (stopped || !video.current) return;
      const found = await detector.detect(video.current).catch(() => []);
      if (found[0]) onCode(found[0].rawValue);
      else setTimeout(look, 300);
    };
    void navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!video.current || stopped) return;
        video.current.srcObject = s;
        await video.current.play();
        void look();
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [Detector, onCode]);
  return <video ref={video} muted playsInline style={{ width: '100%', marginTop: 8 }} />;
}
