// The page a QR label opens (扫码报修): no login, phone first. What the equipment is, where, its
// warranty in plain words and the hotline; then the report — at once for a signed-in user of the
// equipment's customer, after a one-time SMS code for anyone else — with photos or a video.
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TPublicAsset, TQrReportResult, TQrUpload } from '../../../../common/labels-api.ts';
import { ApiError } from '../../api/client.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import {
  type Lang,
  sendOtp,
  submitReport,
  uploadReportFile,
  verifyOtp,
} from '../../features/labels/qr-requests.ts';
import { useScanPage } from '../../features/labels/scan-page-query.ts';

/** The message of a refused request, in the reporter's words. */
function useErrorText() {
  const { t } = useTranslation();
  return (err: unknown) => {
    if (!(err instanceof ApiError)) return t('qr.errors.failed');
    const fields = err.fieldErrors().map((e) => e.field);
    if (err.status === 429) return t('qr.errors.tooMany');
    if (err.status === 409) return t('qr.errors.usedCode');
    if (err.status === 410) return t('qr.errors.expiredCode');
    if (err.status === 415) return t('qr.errors.notMedia');
    if (err.status === 413) return t('qr.errors.tooLarge');
    if (fields.includes('phone')) return t('qr.errors.phone');
    if (fields.includes('otp')) return t('qr.errors.wrongCode');
    return t('qr.errors.failed');
  };
}

export function ScanPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const page = useScanPage(code.toUpperCase());
  const [reporting, setReporting] = useState(false);
  const [result, setResult] = useState<TQrReportResult | null>(null);
  const a = page.data;
  const body = () => {
    if (page.isLoading) return <Spin tip={t('qr.loading')} />;
    if (page.error || !a)
      return <Alert type="error" showIcon message={t('qr.notFound')} data-testid="qr-not-found" />;
    if (result) return <Outcome result={result} />;
    return (
      <>
        {a.state !== 'active' ? (
          <Alert
            type="warning"
            showIcon
            message={t(a.state === 'revoked' ? 'qr.revoked' : 'qr.retired')}
            data-testid={`qr-${a.state}`}
          />
        ) : (
          <AssetFacts asset={a} />
        )}
        {a.staff && <StaffWay way={a.staff} />}
        <Hotline number={a.hotline} />
        {a.state === 'active' &&
          (reporting ? (
            <ReportForm asset={a} code={code.toUpperCase()} onDone={setResult} />
          ) : (
            <Button
              type="primary"
              size="large"
              block
              onClick={() => setReporting(true)}
              data-testid="qr-report"
            >
              {t('qr.report')}
            </Button>
          ))}
      </>
    );
  };
  return (
    <main style={{ minHeight: '100vh', background: '#f4f7f5', padding: 12 }}>
      <div style={{ maxWidth: 480, margin: '0 auto' }}>
        <div
          style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}
        >
          <h1 style={{ fontSize: 18, margin: 0 }}>{t('qr.scanTitle')}</h1>
          <LanguageSwitch />
        </div>
        <Card>{body()}</Card>
      </div>
    </main>
  );
}

function AssetFacts({ asset: a }: { asset: TPublicAsset }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 17 }} data-testid="qr-asset-name">
        {a.name}
      </Typography.Title>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        {a.productName && <Descriptions.Item label={t('qr.equipment')}>{a.productName}</Descriptions.Item>}
        {a.projectName && <Descriptions.Item label={t('qr.project')}>{a.projectName}</Descriptions.Item>}
        {a.location && <Descriptions.Item label={t('qr.location')}>{a.location}</Descriptions.Item>}
        {a.warranty && (
          <Descriptions.Item label={t('qr.warranty')}>
            <span data-testid="qr-warranty">
              {t(`qr.warrantyStates.${a.warranty.status}`)}
              {a.warranty.until && a.warranty.status !== 'expired' && a.warranty.status !== 'not_accepted'
                ? ` (${t('qr.until', { date: a.warranty.until })})`
                : ''}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {a.openTicketNumber && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('qr.alreadyOpen', { number: a.openTicketNumber })}
          data-testid="qr-open-ticket"
        />
      )}
    </>
  );
}

/** Staff who scan a label: straight to their job on the equipment, or to its history. */
function StaffWay({ way }: { way: NonNullable<TPublicAsset['staff']> }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
      {way.jobId && (
        <Button type="primary" size="large" href={`/console/jobs/${way.jobId}`} data-testid="qr-my-job">
          {t('qr.myJob')}
        </Button>
      )}
      <Button size="large" href={`/console/assets/${way.assetId}`} data-testid="qr-history">
        {t('qr.history')}
      </Button>
    </div>
  );
}

function Hotline({ number }: { number: string }) {
  const { t } = useTranslation();
  return (
    <p style={{ margin: '8px 0 16px' }}>
      {t('qr.hotline')}:{' '}
      <a href={`tel:${number.replace(/[^0-9+]/g, '')}`} data-testid="qr-hotline">
        {number}
      </a>
    </p>
  );
}

function ReportForm({
  asset,
  code,
  onDone,
}: {
  asset: TPublicAsset;
  code: string;
  onDone: (r: TQrReportResult) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [phone, setPhone] = useState('');
  const [otp, setOtp] = useState('');
  const [sent, setSent] = useState(false);
  const [proof, setProof] = useState<string | null>(null);
  const [files, setFiles] = useState<TQrUpload[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const confirmed = asset.canReportDirectly || proof !== null;
  if (!confirmed)
    return (
      <Form layout="vertical" onFinish={() => undefined}>
        <Form.Item label={t('qr.phone')}>
          <Input
            inputMode="tel"
            autoComplete="tel"
            placeholder={t('qr.phonePlaceholder')}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            data-testid="qr-phone"
          />
        </Form.Item>
        <Button
          block
          loading={busy && !sent}
          onClick={() =>
            run(async () => {
              await sendOtp(code, phone, lang);
              setSent(true);
              void message.success(t('qr.codeSent'));
            })
          }
          data-testid="qr-send-code"
        >
          {t('qr.sendCode')}
        </Button>
        {sent && (
          <>
            <Form.Item label={t('qr.otp')} style={{ marginTop: 16 }}>
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder={t('qr.otpPlaceholder')}
                value={otp}
                onChange={(e) => setOtp(e.target.value)}
                data-testid="qr-otp"
              />
            </Form.Item>
            <Button
              type="primary"
              block
              loading={busy}
              onClick={() => run(async () => setProof((await verifyOtp(code, phone, otp)).proof))}
              data-testid="qr-confirm"
            >
              {t('qr.confirm')}
            </Button>
          </>
        )}
        {error && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} data-testid="qr-error" />
        )}
      </Form>
    );
  return (
    <Form
      layout="vertical"
      onFinish={(values: { description: string }) =>
        run(async () =>
          onDone(
            await submitReport(code, {
              ...(proof ? { proof } : {}),
              description: values.description,
              files: files.map((f) => f.token),
              lang,
            }),
          ),
        )
      }
    >
      {asset.canReportDirectly && (
        <Alert type="success" message={t('qr.directly')} style={{ marginBottom: 12 }} />
      )}
      <Form.Item
        name="description"
        label={t('qr.describe')}
        rules={[{ required: true, min: 2, message: t('qr.describePlaceholder') }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          placeholder={t('qr.describePlaceholder')}
          data-testid="qr-description"
        />
      </Form.Item>
      <Form.Item label={t('qr.photos')}>
        <input
          type="file"
          accept="image/*,video/*"
          multiple
          aria-label={t('qr.addPhoto')}
          data-testid="qr-file"
          style={{ maxWidth: '100%' }}
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            e.target.value = '';
            void run(async () => {
              for (const file of chosen) {
                const uploaded = await uploadReportFile(code, file, proof);
                setFiles((f) => [...f, uploaded]);
              }
            });
          }}
        />
        {files.map((f) => (
          <div key={f.token} data-testid="qr-uploaded" style={{ fontSize: 13, marginTop: 4 }}>
            {f.name}
          </div>
        ))}
        {busy && files.length === 0 && <div>{t('qr.uploading')}</div>}
      </Form.Item>
      {error && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} data-testid="qr-error" />
      )}
      <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="qr-submit">
        {t('qr.submit')}
      </Button>
    </Form>
  );
}

function Outcome({ result }: { result: TQrReportResult }) {
  const { t } = useTranslation();
  const path = new URL(result.trackingUrl).pathname;
  return (
    <Result
      status={result.outcome === 'created' ? 'success' : 'info'}
      title={t(result.outcome === 'created' ? 'qr.created' : 'qr.joined', { number: result.ticketNumber })}
      subTitle={t('qr.smsSent')}
      extra={
        <Link to={path} data-testid="qr-follow">
          {t('qr.follow')}
        </Link>
      }
      data-testid="qr-outcome"
    />
  );
}
