import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from './language-switch';

const PAGE_TITLE_ID = 'page-title';

export function PageLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <header className="page-header">
        <span className="brand">{t('app.brand')}</span>
        <LanguageSwitch />
      </header>
      <main className="card">
        <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
          {t('app.title')}
        </h1>
        {children}
      </main>
    </div>
  );
}

/**
 * After the content changed under the user (signed in), where a screen reader and the keyboard start again: the
 * page's title, rather than the body the submitted form left focus on.
 */
export function focusPageTitle(): void {
  document.getElementById(PAGE_TITLE_ID)?.focus();
}
