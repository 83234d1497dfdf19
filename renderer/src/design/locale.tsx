/**
 * The locale React Aria's controls speak outside the date picker (list boxes, selects): the
 * interface's language with the house's digits.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { I18nProvider } from 'react-aria-components';
import { useNewsroomSettings } from '../proofing/settings-store';

export function useUiLocale(): string {
  const { i18n } = useTranslation();
  const { houseStyle } = useNewsroomSettings();
  return i18n.language === 'ar' ? `ar-EG-u-nu-${houseStyle.digits}` : 'en-GB';
}

export function UiI18n({ children }: { children: ReactNode }) {
  return <I18nProvider locale={useUiLocale()}>{children}</I18nProvider>;
}
