// A phone-sized card without a login (sign-in, exam, certificate check), with the language switch.
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

/** `wide`: up to a laptop's reading width (the learning page's videos), still phone first. */
export function PhoneShell({
  title,
  children,
  wide,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <main style={{ minHeight: '100vh', background: '#f4f7f5', padding: 12 }}>
      <div style={{ maxWidth: wide ? 880 : 480, margin: '0 auto' }}>
        <div
          style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}
        >
          <h1 style={{ fontSize: 18, margin: 0 }}>{title}</h1>
          <LanguageSwitch />
        </div>
        <Card>{children}</Card>
      </div>
    </main>
  );
}
