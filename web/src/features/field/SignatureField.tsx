import { Button } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

export interface SignatureHandle {
  /** The signature as a PNG data URL, or null when nothing was drawn. */
  value(): string | null;
}

/** The customer signs on the engineer's screen with a finger. */
export const SignatureField = forwardRef<SignatureHandle>(function SignatureField(_props, ref) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const c = canvas.current;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    c.width = c.offsetWidth * ratio;
    c.height = c.offsetHeight * ratio;
    c.getContext('2d')?.scale(ratio, ratio);
    pad.current = new SignaturePad(c, { backgroundColor: 'rgb(255,255,255)' });
    return () => pad.current?.off();
  }, []);
  useImperativeHandle(ref, () => ({
    value: () => (pad.current && !pad.current.isEmpty() ? pad.current.toDataURL('image/png') : null),
  }));
  return (
    <div>
      <canvas
        ref={canvas}
        data-testid="signature-pad"
        style={{
          width: '100%',
          height: 150,
          border: '1px dashed #bbb',
          borderRadius: 6,
          touchAction: 'none',
        }}
      />
      <Button size="small" onClick={() => pad.current?.clear()}>
        {t('field.clearSignature')}
      </Button>
    </div>
  );
});
