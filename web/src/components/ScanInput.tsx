// One scan field for every scan in the app: the phone camera where the browser has a BarcodeDetector,
// else a keyboard-wedge scanner (it types the code and presses Enter) or typing by hand.
import { Button, Input, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface DetectedCode {
  rawValue: string;
}
interface Detector {
  detect(source: HTMLVideoElement): Promise<DetectedCode[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** QR for equipment labels; the linear codes printed on parts and batches as well. */
export const QR_FORMATS = ['qr_code'];
export const PART_FORMATS = ['code_128', 'code_39', 'ean_13', 'ean_8', 'qr_code', 'data_matrix'];

export function ScanInput({
  onScan,
  placeholder,
  formats = QR_FORMATS,
  testId,
}: {
  /** What was scanned or typed, trimmed and non-empty. */
  onScan: (text: string) => void;
  placeholder: string;
  formats?: string[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [camera, setCamera] = useState(false);
  const send = (text: string) => {
    setValue('');
    if (text.trim()) onScan(text.trim());
  };
  const Detector = (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="large"
          value={value}
          placeholder={placeholder}
          aria-label={placeholder}
          autoComplete="off"
          onChange={(e) => setValue(e.target.value)}
          onPressEnter={() => send(value)}
          data-testid={testId}
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
          formats={formats}
          onCode={(text) => {
            setCamera(false);
            send(text);
          }}
        />
      )}
    </>
  );
}

function CameraScan({
  Detector,
  formats,
  onCode,
}: {
  Detector: DetectorClass;
  formats: string[];
  onCode: (text: string) => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const latest = useRef(onCode);
  latest.current = onCode;
  const formatKey = formats.join(',');
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Detector({ formats: formatKey.split(',') });
    const look = async () => {
      if (stopped || !video.current) return;
      const found = await detector.detect(video.current).catch(() => []);
      if (found[0]) latest.current(found[0].rawValue);
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
  }, [Detector, formatKey]);
  return <video ref={video} muted playsInline style={{ width: '100%', marginTop: 8 }} />;
}
