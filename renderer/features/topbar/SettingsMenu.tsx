import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Set-up screens an operator rarely opens (basemaps, categories and SLA) share one top-bar menu, so the bar
 * keeps room for what the duty room watches all shift. Closes on choice, outside click and Esc.
 */
export function SettingsMenu({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const el = ref.current;
      if (!el?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !el.contains(e.target as Node)) el.open = false;
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details className="settings-menu" ref={ref} data-testid="settings-menu">
      <summary className="btn">{t('topbar.settings')}</summary>
      <div
        className="settings-menu-items"
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('button') && ref.current) ref.current.open = false;
        }}
      >
        {children}
      </div>
    </details>
  );
}
