import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from './language-switch';

export function PageLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <header className="page-header">
        <span className="brand">{t('app.brand')}</span>
        <LanguageSwitch />
      </header>
      <main className="card">
        <h1>{t('app.title')}</h1>
        {children}
      </main>
    </div>
  );
}
